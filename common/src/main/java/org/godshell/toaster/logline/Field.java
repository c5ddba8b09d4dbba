package org.godshell.toaster.logline;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One {@code name=value} of a log line. The name is ours (lower-case letters, digits, '_' and '-'), the value may
 * be a client's. {@link Style} says how each format writes it: text as {@code name=value}, {@code name=<value>}
 * or a bare {@code name}; JSON as a string, a number or {@code true}.
 */
public record Field(String name, String value, Style style) {

    /** How the value is written. */
    public enum Style {
        /** {@code name=value}; a JSON string. */
        PLAIN,
        /** {@code name=<value>}, as an envelope path; a JSON string without the brackets. */
        ANGLED,
        /** {@code name=value}; a JSON number (digits with an optional fraction). */
        NUMBER,
        /** a bare {@code name}, present or not; JSON {@code true}. */
        FLAG
    }

    /** The members every JSON line starts with; no field may take their names. */
    static final Set<String> FIXED = Set.of("time", "daemon", "session", "event", "msg");

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]{0,18})(\\.[0-9]{1,9})?");

    public Field {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(style, "style");
        if (!NAME.matcher(name).matches() || FIXED.contains(name)) {
            throw new IllegalArgumentException("not a field name: " + name);
        }
        if (style == Style.NUMBER && !NUMBER.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " is not a number: " + value);
        }
    }

    public static Field of(String name, String value) {
        return new Field(name, value, Style.PLAIN);
    }

    public static Field angled(String name, String value) {
        return new Field(name, value, Style.ANGLED);
    }

    public static Field number(String name, long value) {
        return new Field(name, Long.toString(value), Style.NUMBER);
    }

    /** A decimal written by our own code, such as {@code 2.31}. */
    public static Field decimal(String name, String value) {
        return new Field(name, value, Style.NUMBER);
    }

    public static Field flag(String name) {
        return new Field(name, "", Style.FLAG);
    }
}
