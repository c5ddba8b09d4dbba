package org.godshell.toaster.installer.step;

import java.io.IOException;
import java.io.InputStream;
import org.godshell.toaster.installer.payload.PayloadException;

/** The distribution tar.gz to install, opened afresh for each read (check, then install). */
@FunctionalInterface
public interface PayloadSource {
    InputStream open() throws IOException, PayloadException;
}
