package org.godshell.toaster.site.page;

import java.nio.charset.StandardCharsets;

/** Site-relative URLs: every link is relative, so the site works under any path, and from {@code file://}. */
public final class Urls {

    private Urls() {
    }

    /** The "../" prefix leading from a file {@code depth} folders down back to the site's root ("" at the top). */
    public static String root(int depth) {
        return "../".repeat(depth);
    }

    /** A site path percent-encoded for an href: RFC 3986 §3.3 pchar, '/' kept between segments. */
    public static String encodePath(String path) {
        StringBuilder out = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~/!$&'()*+,;=:@"
                    .indexOf(c) >= 0) {
                if (c == ':' && out.indexOf("/") < 0) {
                    // a ':' before the first '/' would read as a URL scheme (RFC 3986 §4.2)
                    out.append("%3A");
                } else {
                    out.append((char) c);
                }
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /**
     * An anchor-style slug (tag pages): lower case, spaces as '-', punctuation dropped. Heading ids are Flexmark's
     * own (see {@code render.HeadingLinks}), which also turn '_' into '-'.
     */
    public static String anchor(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.strip().length(); i++) {
            char c = text.strip().charAt(i);
            if (Character.isLetterOrDigit(c) || c == '_' || c == '-') {
                out.append(Character.toLowerCase(c));
            } else if (c == ' ') {
                out.append('-');
            }
        }
        return out.toString();
    }
}
