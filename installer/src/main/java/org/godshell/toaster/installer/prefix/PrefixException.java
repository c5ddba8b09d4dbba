package org.godshell.toaster.installer.prefix;

import java.io.Serial;

/** The prefix cannot take a toaster: the message says why and what to choose instead. */
public final class PrefixException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    public PrefixException(String message) {
        super(message);
    }

    public PrefixException(String message, Throwable cause) {
        super(message, cause);
    }
}
