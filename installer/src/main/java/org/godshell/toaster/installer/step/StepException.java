package org.godshell.toaster.installer.step;

import java.io.Serial;

/** A step could not do its job; the message says what failed and how to fix it. Rerunning resumes. */
public final class StepException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    public StepException(String message) {
        super(message);
    }

    public StepException(String message, Throwable cause) {
        super(message, cause);
    }
}
