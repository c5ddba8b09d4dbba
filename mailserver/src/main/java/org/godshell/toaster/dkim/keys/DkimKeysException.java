package org.godshell.toaster.dkim.keys;

import java.io.Serial;
import java.nio.file.Path;

/**
 * A domain's DKIM keys cannot be used or changed as asked: a malformed {@code selectors} file ({@code file:line}),
 * a key file that cannot be read, a selector that does not exist, keys that exist already. The message says what
 * and, where there is one, the fix; the CLI prints it as is.
 */
public final class DkimKeysException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    public DkimKeysException(String message) {
        super(message);
    }

    public DkimKeysException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A problem on one line of a file (line 0: the whole file), written as a compiler would. */
    static DkimKeysException at(Path file, int line, String problem) {
        return new DkimKeysException(file + (line > 0 ? ":" + line : "") + ": " + problem);
    }
}
