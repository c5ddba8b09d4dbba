package org.godshell.toaster.site.source;

/** Something the build skipped or repaired, named by the repository path it concerns ("" for the whole wiki). */
public record Warning(String path, String message) implements Comparable<Warning> {

    @Override
    public int compareTo(Warning other) {
        int byPath = path.compareTo(other.path);
        return byPath != 0 ? byPath : message.compareTo(other.message);
    }

    @Override
    public String toString() {
        return (path.isEmpty() ? "wiki" : path) + ": " + message;
    }
}
