package org.godshell.toaster.arc;

import java.util.Optional;
import java.util.OptionalInt;
import org.godshell.toaster.dkim.TagList;

/**
 * The instance number {@code i=} that ties the three fields of an ARC set together (RFC 8617 §4.2.1): digits,
 * which the caller holds to 1 to 50. An ARC-Seal and an ARC-Message-Signature carry it as a tag; an
 * ARC-Authentication-Results carries it before its first {@code ;} ({@code arc-info}, §4.1.1). Anything else
 * (a sign, a comment, a fold inside the number, more than three digits) is no instance, so that no two readers
 * disagree on which set a field belongs to.
 */
final class Instance {

    /** RFC 8617 §4.2.1: at most 50 sets on a message. */
    static final int MAX = 50;

    private Instance() {
    }

    /** The instance of an ARC-Seal or ARC-Message-Signature: its {@code i=} tag. */
    static OptionalInt of(TagList tags) {
        return tags.get("i").map(Instance::number).orElse(OptionalInt.empty());
    }

    /** The instance an ARC-Authentication-Results value opens with: {@code [FWS] i [FWS] = [FWS] 1*2DIGIT [FWS] ;}. */
    static OptionalInt ofResults(String value) {
        int i = skipFws(value, 0);
        if (i >= value.length() || value.charAt(i) != 'i') {
            return OptionalInt.empty();
        }
        i = skipFws(value, i + 1);
        if (i >= value.length() || value.charAt(i) != '=') {
            return OptionalInt.empty();
        }
        int start = skipFws(value, i + 1);
        int end = start;
        while (end < value.length() && value.charAt(end) >= '0' && value.charAt(end) <= '9') {
            end++;
        }
        int semicolon = skipFws(value, end);
        if (semicolon >= value.length() || value.charAt(semicolon) != ';') {
            return OptionalInt.empty();
        }
        return number(value.substring(start, end));
    }

    /**
     * What follows the instance's {@code ;} in an ARC-Authentication-Results value: the results, unfolded, each
     * run of white space one space.
     */
    static Optional<String> results(String value) {
        int semicolon = value.indexOf(';');
        return semicolon < 0 ? Optional.empty()
                : Optional.of(value.substring(semicolon + 1).replaceAll("[ \t\r\n]+", " ").strip());
    }

    /** Up to three digits (so "i=51" and "i=100" can be told apart from garbage and refused by name). */
    private static OptionalInt number(String digits) {
        if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(digits));
    }

    /** Skips spaces, tabs and folds (a CRLF followed by a space or tab, RFC 5322 §3.2.2). */
    private static int skipFws(String value, int i) {
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
            } else if (c == '\r' && i + 2 < value.length() && value.charAt(i + 1) == '\n'
                    && (value.charAt(i + 2) == ' ' || value.charAt(i + 2) == '\t')) {
                i += 3;
            } else {
                break;
            }
        }
        return i;
    }
}
