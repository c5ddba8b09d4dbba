package org.godshell.toaster.backup.pgp;

import java.io.IOException;

/** A key file that cannot serve: missing, too large, not a key, or the wrong kind of key; the message names it. */
public final class KeyFileException extends IOException {

    private static final long serialVersionUID = 1L;

    KeyFileException(String message) {
        super(message);
    }

    KeyFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
