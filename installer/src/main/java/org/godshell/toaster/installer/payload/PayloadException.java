package org.godshell.toaster.installer.payload;

import java.io.Serial;

/** The payload cannot be installed: damaged, truncated, or holding an entry that is not allowed. */
public final class PayloadException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    public PayloadException(String message) {
        super(message);
    }

    public PayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
