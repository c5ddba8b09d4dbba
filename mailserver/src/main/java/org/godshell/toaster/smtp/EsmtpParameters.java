package org.godshell.toaster.smtp;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** RFC 5321 §4.1.2 Mail-parameters / Rcpt-parameters, after the closing '>' of the path. */
final class EsmtpParameters {

    private EsmtpParameters() {
    }

    /**
     * Parses {@code s} from {@code from}: nothing, or SP-separated esmtp-params. Runs of spaces and trailing
     * spaces are tolerated (common client habit); anything else off the grammar, and a parameter given twice,
     * is a 555 (RFC 5321 §4.1.1.11).
     */
    static Map<String, String> parse(String s, int from) throws PathException {
        Map<String, String> params = new LinkedHashMap<>();
        int i = from;
        int n = s.length();
        if (i < n && s.charAt(i) != ' ') {
            throw new PathException(Replies.SYNTAX, "junk after the path");
        }
        while (true) {
            while (i < n && s.charAt(i) == ' ') {
                i++;
            }
            if (i == n) {
                return params;
            }
            int end = s.indexOf(' ', i);
            end = end < 0 ? n : end;
            String param = s.substring(i, end);
            int eq = param.indexOf('=');
            String keyword = eq < 0 ? param : param.substring(0, eq);
            String value = eq < 0 ? null : param.substring(eq + 1);
            if (!isKeyword(keyword) || value != null && !isValue(value)) {
                throw new PathException(Replies.SYNTAX, "bad ESMTP parameter");
            }
            String key = keyword.toUpperCase(Locale.ROOT);
            if (params.containsKey(key)) {
                throw new PathException(Replies.SYNTAX, "ESMTP parameter given twice: " + key);
            }
            params.put(key, value);
            i = end;
        }
    }

    /** esmtp-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-"). */
    private static boolean isKeyword(String k) {
        if (k.isEmpty() || k.charAt(0) == '-') {
            return false;
        }
        return k.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-');
    }

    /** esmtp-value = 1*(%d33-60 / %d62-126), plus UTF-8 under RFC 6531 §3.3 (checked by the caller). */
    private static boolean isValue(String v) {
        return !v.isEmpty() && v.codePoints().allMatch(c -> c >= 33 && c <= 126 && c != '='
                || AddressSyntax.isAllowedNonAscii(c));
    }
}
