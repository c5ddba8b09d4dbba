package org.godshell.toaster.backup;

import java.io.IOException;
import java.io.OutputStream;

/** What wraps the gzip'd tar on its way to the archive file: nothing, or an OpenPGP encryption. */
@FunctionalInterface
public interface Encryption {

    Encryption NONE = out -> out;

    /** The stream that writes to {@code out}; closing it finishes what it adds (an OpenPGP message). */
    OutputStream wrap(OutputStream out) throws IOException;
}
