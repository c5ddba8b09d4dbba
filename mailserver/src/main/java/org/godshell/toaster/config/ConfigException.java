package org.godshell.toaster.config;

import java.io.Serial;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A control file that exists but cannot be used. The message names the file, the line (when the problem is on
 * one), what is wrong and how to fix it, as a compiler would:
 * {@code control/databytes:1: "12x" is not a number of bytes; write a whole number such as 10485760 (0 = no limit)}.
 * The server refuses to start with it rather than guess (DESIGN.md: "Bad file = refuse to start").
 */
public final class ConfigException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Kept as text: {@link Path} is not serializable, and the text is all a reader of the log needs. */
    private final String file;
    private final int line;

    /**
     * @param file the control file
     * @param line the 1-based line the problem is on, or 0 when it is about the whole file
     * @param problem what is wrong and the fix, e.g. {@code "x" is not a number; write a whole number such as 25}
     */
    public ConfigException(Path file, int line, String problem) {
        this(file, line, problem, null);
    }

    public ConfigException(Path file, int line, String problem, Throwable cause) {
        super(format(file, line, problem), cause);
        if (line < 0) {
            throw new IllegalArgumentException("line must be 0 or positive: " + line);
        }
        this.file = file.toString();
        this.line = line;
    }

    private static String format(Path file, int line, String problem) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(problem, "problem");
        return line > 0 ? file + ":" + line + ": " + problem : file + ": " + problem;
    }

    /** The control file the problem is in. */
    public Path file() {
        return Path.of(file);
    }

    /** The 1-based line of the problem, or 0 when it concerns the whole file (unreadable, too large, ...). */
    public int line() {
        return line;
    }
}
