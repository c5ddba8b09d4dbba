package org.godshell.toaster.site.source;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The names a wiki file may have. A git tree can hold any bytes but '/' and NUL in a name; the site is a
 * directory tree served over HTTP, so a name must be valid UTF-8, free of control characters and backslashes,
 * and no segment may contain {@code ..} (also refused where it would be harmless: one rule, no cases).
 */
public final class WikiPath {

    private WikiPath() {
    }

    /** The path as a string, or why it is refused. */
    public static Result check(byte[] raw) {
        String path;
        try {
            path = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            return new Result(printable(raw), Optional.of("name is not valid UTF-8"));
        }
        Optional<String> problem = problem(path);
        // a refused name is shown escaped: it may hold a newline or a terminal escape
        return new Result(problem.isPresent() ? printable(raw) : path, problem);
    }

    /** Why a decoded path is refused, if it is. */
    public static Optional<String> problem(String path) {
        if (path.isEmpty()) {
            return Optional.of("empty name");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
                return Optional.of("name holds a control character");
            }
            if (c == '\\') {
                return Optional.of("name holds a backslash");
            }
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty()) {
                return Optional.of("name has an empty segment");
            }
            if (segment.contains("..")) {
                return Optional.of("name holds '..'");
            }
        }
        return Optional.empty();
    }

    /** The name with every byte outside printable ASCII as \xNN, for a warning that is safe to print. */
    public static String printable(byte[] raw) {
        StringBuilder out = new StringBuilder();
        for (byte b : raw) {
            int c = b & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '\\') {
                out.append((char) c);
            } else {
                out.append(String.format("\\x%02x", c));
            }
        }
        return out.toString();
    }

    /** A checked path: the decoded (or printable) name and the reason it is refused, if any. */
    public record Result(String path, Optional<String> problem) {
    }
}
