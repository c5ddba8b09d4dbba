package org.godshell.toaster.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What a write does to the file or directory it just created, before the file is seen under its name: a
 * {@code toaster} command run as root gives it to the account that owns that place in the install (see {@code
 * layout.Owners}), so that a daemon running as another user can still read it.
 */
@FunctionalInterface
public interface Handover {

    /** Leaves the new file to whoever wrote it: the daemons, tests, an unprivileged install. */
    Handover KEEP = (created, target) -> { };

    /**
     * @param created the temp file about to be renamed to {@code target}, or {@code target} itself (a directory)
     * @param target  the name it will have
     */
    void apply(Path created, Path target) throws IOException;
}
