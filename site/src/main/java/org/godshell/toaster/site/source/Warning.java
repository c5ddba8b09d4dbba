package org.godshell.toaster.site.source;

/**
 * Something the build skipped or repaired, named by the repository path it concerns ("" for the whole wiki) and,
 * when it concerns one line of that file, the line (counted from 1 at the file's first line; 0 for none).
 */
public record Warning(String path, int line, String message) implements Comparable<Warning> {

    public Warning {
        if (line < 0) {
            throw new IllegalArgumentException("line " + line + " of " + path);
        }
    }

    /** A warning about a whole file, or the whole wiki. */
    public Warning(String path, String message) {
        this(path, 0, message);
    }

    /** The path, and {@code :LINE} after it when the line is known: where an editor jumps to. */
    public String where() {
        return (path.isEmpty() ? "wiki" : path) + (line > 0 ? ":" + line : "");
    }

    @Override
    public int compareTo(Warning other) {
        int byPath = path.compareTo(other.path);
        int byLine = byPath != 0 ? byPath : Integer.compare(line, other.line);
        return byLine != 0 ? byLine : message.compareTo(other.message);
    }

    @Override
    public String toString() {
        return where() + ": " + message;
    }
}
