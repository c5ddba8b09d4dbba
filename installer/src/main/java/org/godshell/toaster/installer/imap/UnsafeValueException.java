package org.godshell.toaster.installer.imap;

import java.io.Serial;

/** A value that a Dovecot configuration or a unit file cannot carry safely; the message names it and the way out. */
public final class UnsafeValueException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    public UnsafeValueException(String message) {
        super(message);
    }
}
