package org.godshell.toaster.backup;

import java.io.IOException;

/** An archive that cannot be trusted: broken, truncated, hostile or not a backup; the message names the member. */
public final class CorruptArchiveException extends IOException {

    private static final long serialVersionUID = 1L;

    public CorruptArchiveException(String message) {
        super(message);
    }

    public CorruptArchiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
