package org.godshell.toaster.installer.payload;

import java.util.ArrayList;
import java.util.List;

/**
 * The name of an archive entry, checked: relative, made of plain segments, no {@code ..}, no control
 * characters, no backslashes. {@code ./} prefixes, empty segments and a trailing {@code /} are dropped.
 *
 * @param value the normalised relative name, segments joined by {@code /}; never empty
 */
public record EntryName(String value) {

    /** Longest name accepted; tar's POSIX headers allow more, but no file of ours needs it. */
    static final int MAX_LENGTH = 1024;

    public static EntryName parse(String raw) throws PayloadException {
        if (raw == null || raw.isEmpty()) {
            throw new PayloadException("an entry has an empty name");
        }
        if (raw.length() > MAX_LENGTH) {
            throw new PayloadException("an entry name is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new PayloadException("entry " + printable(raw) + " has a control character in its name");
            }
            if (c == '\\') {
                throw new PayloadException("entry " + printable(raw) + " has a backslash in its name");
            }
        }
        if (raw.startsWith("/")) {
            throw new PayloadException("entry " + printable(raw) + " is an absolute path");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : raw.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                throw new PayloadException("entry " + printable(raw) + " climbs out with '..'");
            }
            segments.add(segment);
        }
        if (segments.isEmpty()) {
            throw new PayloadException("entry " + printable(raw) + " names no file");
        }
        return new EntryName(String.join("/", segments));
    }

    /** The name as it can be shown in an error: control characters escaped, quoted. */
    static String printable(String raw) {
        StringBuilder out = new StringBuilder("'");
        raw.codePoints().limit(200).forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f) {
                out.append(String.format("\\x%02x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.append(raw.length() > 200 ? "...'" : "'").toString();
    }
}
