package org.godshell.toaster.msgauth;

import java.util.Optional;

/**
 * The domain of a From value that is one plain mailbox, {@code local@domain} or {@code Display Name
 * <local@domain>} spelled with letters, digits and a few unambiguous characters, found without a parser. That is
 * nearly every message's From, and mime4j's address-list parser costs one or two exceptions with their stack
 * traces per call (JavaCC's lookahead error, made for every parser, and often its end-of-input
 * {@code IOException}): 2.6 % of smtpd's CPU in bench/intake.sh. Anything else (a quote, a comment, a comma, a
 * group, an encoded word, a domain literal, a dot out of place, a character outside US-ASCII) is left to mime4j,
 * and where this answers, it gives what mime4j gives ({@code PlainFromTest} compares them on hostile input).
 */
final class PlainFrom {

    private PlainFrom() {
    }

    /** The mailbox's domain as written, or empty when the value is not one plain mailbox. */
    static Optional<String> domain(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && isWsp(value.charAt(start))) {
            start++;
        }
        while (end > start && isWsp(value.charAt(end - 1))) {
            end--;
        }
        if (end > start && value.charAt(end - 1) == '>') {
            int open = value.indexOf('<', start);
            if (open < 0 || !isPhrase(value, start, open)) {
                return Optional.empty();
            }
            start = open + 1;
            end--;
        }
        int at = value.indexOf('@', start);
        if (at < 0 || at >= end || !isDotAtom(value, start, at, false) || !isDotAtom(value, at + 1, end, true)) {
            return Optional.empty();
        }
        return Optional.of(value.substring(at + 1, end));
    }

    private static boolean isWsp(char c) {
        return c == ' ' || c == '\t';
    }

    /** A display name of words of letters and digits between spaces, or none at all. */
    private static boolean isPhrase(String value, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (!isLetterOrDigit(c) && c != ' ') {
                return false;
            }
        }
        return true;
    }

    /**
     * Non-empty runs of letters, digits, {@code -}, {@code _} and {@code +} (a domain: letters, digits and
     * {@code -} only) joined by single dots, neither first nor last: a dot-atom of RFC 5322 §3.2.3 without the
     * rarer atext characters.
     */
    private static boolean isDotAtom(String value, int from, int to, boolean domain) {
        if (from == to) {
            return false;
        }
        boolean afterDot = true;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c == '.') {
                if (afterDot) {
                    return false;
                }
                afterDot = true;
            } else if (isLetterOrDigit(c) || c == '-' || !domain && (c == '_' || c == '+')) {
                afterDot = false;
            } else {
                return false;
            }
        }
        return !afterDot;
    }

    private static boolean isLetterOrDigit(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }
}
