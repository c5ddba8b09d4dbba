package org.godshell.toaster.users;

import java.io.Serial;

/**
 * An edit of the user store that cannot be done: a bad name, a domain or user that exists or does not, a file
 * that cannot be written. The message says what and, where there is one, the fix; the CLI prints it as is.
 */
public final class UserStoreException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    public UserStoreException(String message) {
        super(message);
    }

    public UserStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
