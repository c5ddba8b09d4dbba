package org.godshell.toaster.site.serve;

import java.util.ArrayList;
import java.util.List;

/**
 * A request path turned into the segments of a file under the site, or the reason it is refused. The raw path
 * (still percent-encoded, RFC 3986 §3.3) is decoded exactly once: a doubly encoded {@code %252e} stays the
 * three characters {@code %2e}, which name no file. Decoded bytes must be UTF-8 in its shortest form (RFC 3629
 * §3: overlong {@code %c0%ae} is malformed); control characters, NUL, backslashes, {@code ..} anywhere in a
 * segment, segments starting with a dot and empty segments are refused outright, never normalized.
 */
public sealed interface SitePath {

    /** At most this many bytes of path; longer names are not files the generator makes. */
    int MAX_LENGTH = 2048;

    /** A path to look up: its segments, and whether it ended with '/' (a directory's index is wanted). */
    record Found(List<String> segments, boolean directory) implements SitePath {
        public Found {
            segments = List.copyOf(segments);
        }
    }

    /** A path that names nothing we serve, and why (for the log; the client gets a plain 400). */
    record Refused(String reason) implements SitePath {
    }

    static SitePath parse(String raw) {
        if (raw == null || raw.isEmpty() || raw.charAt(0) != '/') {
            return new Refused("path does not start with '/'");
        }
        if (raw.length() > MAX_LENGTH) {
            return new Refused("path longer than " + MAX_LENGTH);
        }
        String path;
        switch (PercentDecoding.decode(raw, c -> c > 0x20 && c < 0x7f)) {
            case PercentDecoding.Text text -> path = text.value();
            case PercentDecoding.Bad bad -> {
                return new Refused(bad.reason());
            }
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\\') {
                return new Refused("control character or backslash");
            }
        }
        boolean directory = path.endsWith("/");
        String inner = path.length() == 1 ? "" : path.substring(1, directory ? path.length() - 1 : path.length());
        List<String> segments = new ArrayList<>();
        if (!inner.isEmpty()) {
            for (String segment : inner.split("/", -1)) {
                if (segment.isEmpty()) {
                    return new Refused("empty segment");
                }
                if (segment.startsWith(".") || segment.contains("..")) {
                    return new Refused("segment starting with '.' or holding '..'");
                }
                segments.add(segment);
            }
        }
        return new Found(segments, directory || segments.isEmpty());
    }
}
