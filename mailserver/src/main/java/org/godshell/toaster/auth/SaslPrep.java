package org.godshell.toaster.auth;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Optional;

/**
 * SASLprep (RFC 4013), the stringprep (RFC 3454) profile for user names and passwords, with the semantics for
 * stored strings: an unassigned code point is refused (RFC 3454 §7), so a name or password that is hashed
 * today prepares the same way tomorrow. The four steps of RFC 3454 §2, in order:
 * <ol>
 *   <li>map (RFC 4013 §2.1): non-ASCII spaces (table C.1.2) to SPACE, then "commonly mapped to nothing"
 *       (B.1) to nothing;</li>
 *   <li>normalize with NFKC (RFC 4013 §2.2);</li>
 *   <li>prohibit (RFC 4013 §2.3): C.1.2, C.2.1, C.2.2, C.3 to C.9, and unassigned code points;</li>
 *   <li>check bidirectional text (RFC 3454 §6): with any right-to-left character (D.1) there is no
 *       left-to-right one (D.2), and the first and last characters are right-to-left.</li>
 * </ol>
 * Tables B.1 and C.* are RFC 3454's, written out below. NFKC, "unassigned" and the bidi classes D.1/D.2 come
 * from the running Java's Unicode data, not Unicode 3.2 as RFC 3454 fixes: Java has no 3.2 tables, and for the
 * characters 3.2 assigned the answers agree (Unicode's normalization stability policy); characters assigned
 * since 3.2 are accepted here where a strict 3.2 implementation would refuse them.
 */
public final class SaslPrep {

    /** C.1.2: non-ASCII space characters. */
    private static final int[][] NON_ASCII_SPACE = {
        {0x00A0, 0x00A0}, {0x1680, 0x1680}, {0x2000, 0x200B}, {0x202F, 0x202F}, {0x205F, 0x205F}, {0x3000, 0x3000}};

    /** B.1: commonly mapped to nothing (soft hyphen, joiners, variation selectors, BOM...). */
    private static final int[][] MAPPED_TO_NOTHING = {
        {0x00AD, 0x00AD}, {0x034F, 0x034F}, {0x1806, 0x1806}, {0x180B, 0x180D}, {0x200B, 0x200D},
        {0x2060, 0x2060}, {0xFE00, 0xFE0F}, {0xFEFF, 0xFEFF}};

    /** C.2.1 to C.9 (C.4's FFFE/FFFF of every plane is tested apart, see {@link #prohibited}). */
    private static final int[][] PROHIBITED = {
        {0x0000, 0x001F}, {0x007F, 0x007F},                                         // C.2.1 ASCII controls
        {0x0080, 0x009F}, {0x06DD, 0x06DD}, {0x070F, 0x070F}, {0x180E, 0x180E},     // C.2.2 other controls
        {0x200C, 0x200D}, {0x2028, 0x2029}, {0x2060, 0x2063}, {0x206A, 0x206F},
        {0xFEFF, 0xFEFF}, {0xFFF9, 0xFFFC}, {0x1D173, 0x1D17A},
        {0xE000, 0xF8FF}, {0xF0000, 0xFFFFD}, {0x100000, 0x10FFFD},                 // C.3 private use
        {0xFDD0, 0xFDEF},                                                           // C.4 non-characters
        {0xD800, 0xDFFF},                                                           // C.5 surrogates
        {0xFFF9, 0xFFFD},                                                           // C.6 not plain text
        {0x2FF0, 0x2FFB},                                                           // C.7 ideographic description
        {0x0340, 0x0341}, {0x200E, 0x200F}, {0x202A, 0x202E},                       // C.8 display, deprecated
        {0xE0001, 0xE0001}, {0xE0020, 0xE007F}};                                    // C.9 tags

    private SaslPrep() {}

    /** The prepared string, or empty when it contains a prohibited or unassigned character or breaks bidi rules. */
    public static Optional<String> prepare(String text) {
        StringBuilder mapped = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (in(NON_ASCII_SPACE, c)) {
                mapped.append(' ');
            } else if (!in(MAPPED_TO_NOTHING, c)) {
                mapped.appendCodePoint(c);
            }
        });
        String normalized = Normalizer.normalize(mapped, Normalizer.Form.NFKC);
        return normalized.codePoints().anyMatch(SaslPrep::prohibited) || !bidiOk(normalized) ? Optional.empty()
                : Optional.of(normalized);
    }

    /**
     * A password prepared: a new array the caller zeroes, or empty. Printable ASCII, what nearly every password
     * is, prepares to itself and is copied without a String; anything else passes through {@link #prepare}, and
     * the JDK's normalizer leaves Strings of it behind that cannot be wiped.
     */
    public static Optional<char[]> prepare(char[] password) {
        boolean printableAscii = true;
        for (char c : password) {
            printableAscii &= c >= 0x20 && c < 0x7F;
        }
        if (printableAscii) {
            return Optional.of(password.clone());
        }
        return prepare(new String(password)).map(String::toCharArray);
    }

    static boolean prohibited(int c) {
        return in(NON_ASCII_SPACE, c) || in(PROHIBITED, c) || (c & 0xFFFE) == 0xFFFE
                || Character.getType(c) == Character.UNASSIGNED;
    }

    /** RFC 3454 §6: RandALCat (D.1) excludes LCat (D.2) and must open and close the string. */
    static boolean bidiOk(String text) {
        int[] points = text.codePoints().toArray();
        boolean rtl = Arrays.stream(points).anyMatch(SaslPrep::rightToLeft);
        if (!rtl) {
            return true;
        }
        boolean ltr = Arrays.stream(points).anyMatch(c -> Character.getDirectionality(c)
                == Character.DIRECTIONALITY_LEFT_TO_RIGHT);
        return !ltr && rightToLeft(points[0]) && rightToLeft(points[points.length - 1]);
    }

    private static boolean rightToLeft(int c) {
        byte d = Character.getDirectionality(c);
        return d == Character.DIRECTIONALITY_RIGHT_TO_LEFT || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
    }

    private static boolean in(int[][] table, int c) {
        for (int[] range : table) {
            if (c >= range[0] && c <= range[1]) {
                return true;
            }
        }
        return false;
    }
}
