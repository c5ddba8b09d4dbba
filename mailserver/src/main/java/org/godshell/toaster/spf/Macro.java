package org.godshell.toaster.spf;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Macro expansion (RFC 7208 §7): {@code %{letter digits r delimiters}}, {@code %%}, {@code %_}, {@code %-}.
 * The letters {@code c r t} belong to explanations only, which we do not fetch (see package-info), so they are
 * a syntax error here, as everywhere outside {@code exp=} (§7.2).
 */
final class Macro {

    /** What the letters stand for in one check: the client, the sender, its HELO, the current domain. */
    record Context(InetAddress ip, String sender, String helo, String domain) {}

    private static final String LETTERS = "slodiphv";
    private static final String DELIMITERS = ".-+,/_=";

    private Macro() {
    }

    /** Throws permerror when {@code text} is not a valid macro-string (§7.1). */
    static void check(String text, boolean explanation) throws SpfError {
        expand(text, null, explanation);
    }

    /** {@code text} expanded for a DNS name: then cut from the left to at most 253 characters (§7.3). */
    static String domain(String text, Context context) throws SpfError {
        String name = expand(text, context, false);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        while (name.length() > 253 && name.indexOf('.') >= 0) {
            name = name.substring(name.indexOf('.') + 1);
        }
        return name;
    }

    /** Expands {@code text}; with a null context it only checks the syntax. */
    static String expand(String text, Context context, boolean explanation) throws SpfError {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i + 1 >= text.length()) {
                throw SpfError.perm("'%' at the end of \"" + SpfRecord.printable(text) + "\" (write %% for '%')");
            }
            char next = text.charAt(++i);
            switch (next) {
                case '%' -> out.append('%');
                case '_' -> out.append(' ');
                case '-' -> out.append("%20");
                case '{' -> {
                    int close = text.indexOf('}', i);
                    if (close < 0) {
                        throw SpfError.perm("unclosed %{ in \"" + SpfRecord.printable(text) + "\"");
                    }
                    out.append(macro(text.substring(i + 1, close), context, explanation));
                    i = close;
                }
                default -> throw SpfError.perm("'%" + next + "' is not a macro (§7.1); write %% for '%'");
            }
        }
        return out.toString();
    }

    private static String macro(String body, Context context, boolean explanation) throws SpfError {
        if (!body.matches("[A-Za-z][0-9]*[rR]?[.\\-+,/_=]*")) {
            throw SpfError.perm("bad macro %{" + SpfRecord.printable(body) + "}");
        }
        char letter = body.charAt(0);
        char lower = Character.toLowerCase(letter);
        if (LETTERS.indexOf(lower) < 0 && !(explanation && "crt".indexOf(lower) >= 0)) {
            throw SpfError.perm("unknown macro letter in %{" + body + "}");
        }
        int j = 1;
        while (j < body.length() && Character.isDigit(body.charAt(j))) {
            j++;
        }
        int keep = j == 1 ? Integer.MAX_VALUE : parseKeep(body.substring(1, j));
        boolean reverse = j < body.length() && Character.toLowerCase(body.charAt(j)) == 'r';
        String delimiters = body.substring(reverse ? j + 1 : j);
        if (context == null) {
            return "";
        }
        String value = transform(value(lower, context), keep, reverse, delimiters.isEmpty() ? "." : delimiters);
        // An upper-case letter asks for URL escaping (§7.3), meant for explanations; harmless in names.
        return Character.isUpperCase(letter) ? escape(value) : value;
    }

    private static int parseKeep(String digits) throws SpfError {
        int keep = digits.length() > 3 ? Integer.MAX_VALUE : Integer.parseInt(digits);
        if (keep == 0) {
            throw SpfError.perm("a macro may not keep 0 parts (§7.1)");
        }
        return keep;
    }

    private static String value(char letter, Context c) {
        int at = c.sender().lastIndexOf('@');
        String local = at > 0 ? c.sender().substring(0, at) : "postmaster";
        return switch (letter) {
            case 's' -> c.sender();
            case 'l' -> local;
            case 'o' -> c.sender().substring(at + 1);
            case 'd' -> c.domain();
            case 'i' -> ip(c.ip());
            case 'p' -> "unknown";
            case 'v' -> c.ip() instanceof Inet4Address ? "in-addr" : "ip6";
            case 'h' -> c.helo();
            default -> "";
        };
    }

    /** {@code %{i}}: dotted quad, or IPv6 as 32 dot-separated nibbles (§7.3). */
    static String ip(InetAddress ip) {
        if (ip instanceof Inet4Address) {
            return ip.getHostAddress();
        }
        StringBuilder nibbles = new StringBuilder();
        for (byte b : ip.getAddress()) {
            nibbles.append(Character.forDigit((b >> 4) & 0xf, 16)).append('.')
                    .append(Character.forDigit(b & 0xf, 16)).append('.');
        }
        return nibbles.substring(0, nibbles.length() - 1);
    }

    /** Split on the delimiters, maybe reverse, keep the rightmost {@code keep} parts, join with dots (§7.3). */
    private static String transform(String value, int keep, boolean reverse, String delimiters) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int k = 0; k < value.length(); k++) {
            if (delimiters.indexOf(value.charAt(k)) >= 0) {
                parts.add(value.substring(start, k));
                start = k + 1;
            }
        }
        parts.add(value.substring(start));
        if (reverse) {
            Collections.reverse(parts);
        }
        List<String> kept = parts.size() > keep ? parts.subList(parts.size() - keep, parts.size()) : parts;
        return String.join(".", kept);
    }

    /** RFC 3986 percent-encoding of everything but the unreserved characters. */
    private static String escape(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
