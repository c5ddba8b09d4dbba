package org.godshell.toaster.hostcheck;

/**
 * One result of a check: {@code FAIL} stops an install and makes {@code doctor} exit 1, {@code WARN} is printed,
 * {@code OK} is reassuring.
 */
public record Finding(Level level, String message) {

    /** How much a finding matters. */
    public enum Level { OK, WARN, FAIL }

    public static Finding ok(String message) {
        return new Finding(Level.OK, message);
    }

    public static Finding warn(String message) {
        return new Finding(Level.WARN, message);
    }

    public static Finding fail(String message) {
        return new Finding(Level.FAIL, message);
    }

    /** The line printed for it: {@code ok}, {@code warning} or {@code FAILED}, then the message. */
    public String line() {
        return switch (level) {
            case OK -> "  ok       " + message;
            case WARN -> "  warning  " + message;
            case FAIL -> "  FAILED   " + message;
        };
    }
}
