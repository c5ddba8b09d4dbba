package org.godshell.toaster.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SASLprep (RFC 4013) against its own examples (§3) and against strings meant to break it. */
class SaslPrepTest {

    /** RFC 4013 §3, the examples that prepare, and more mappings of RFC 3454's tables. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "I\u00ADX|IX",                          // soft hyphen mapped to nothing (B.1)
        "user|user",
        "USER|USER",                            // no case folding in SASLprep
        "\u00AA|a",                             // NFKC
        "\u2168|IX",                            // NFKC: ROMAN NUMERAL NINE
        "a\u00A0b|a b",                         // C.1.2 non-ASCII space to SPACE
        "a\u3000b|a b",                         // ideographic space
        "a\u200Bb|a b",                         // in C.1.2 and B.1: mapped to SPACE first (RFC 4013 §2.1 order)
        "a\u200Db|ab",                          // zero width joiner: B.1
        "a\uFE0Fb|ab",                          // variation selector: B.1
        "\uFF42\uFF4F\uFF42|bob",               // full-width letters, NFKC
        "\u212Aelvin|Kelvin",                   // Kelvin sign to K (NFKC, no case change)
        "cafe\u0301|caf\u00E9",                 // composed by NFKC
        "\u05D0\u05D1|\u05D0\u05D1",            // right-to-left only: allowed
        "\u0627\u0031\u0628|\u0627\u0031\u0628", // RandALCat first and last, a number inside: allowed
        "p\u00E4ssw\u00F6rd \u00DF|p\u00E4ssw\u00F6rd \u00DF",
        "a\u0340|\u00E0",                      // C.8's U+0340 normalizes to U+0300 before the check (RFC 3454 §3 order)
    })
    void prepares(String input, String expected) {
        assertEquals(Optional.of(expected), SaslPrep.prepare(input));
        assertArrayEquals(expected.toCharArray(), SaslPrep.prepare(input.toCharArray()).orElseThrow());
    }

    /** RFC 4013 §3's refused examples, each prohibition table, bidi, unassigned, and hostile strings. */
    @ParameterizedTest
    @ValueSource(strings = {
        "\u0007",                               // C.2.1, RFC 4013 §3
        "\u0627\u0031",                         // bidi: RandALCat first but not last, RFC 4013 §3
        "a\u0000b", "tab\there", "line\nbreak", "cr\r", "del\u007F",      // C.2.1
        "\u0085", "a\u2028b", "\u206A", "\uFFF9", "\uD834\uDD73",         // C.2.2 (U+1D173 too)
        "\uE000", "\uDB80\uDC00",               // C.3 private use (U+F0000 too)
        "\uFDD0", "\uFFFE", "\uD83F\uDFFF",     // C.4 non-characters (U+1FFFF)
        "\uD800", "a\uDC00", "\uDBFF",          // C.5 lone surrogates
        "\uFFFD",                               // C.6
        "\u2FF0",                               // C.7
        "\u200E", "\u202E", "\u206F",           // C.8 (right-to-left override: a classic spoof)
        "\uDB40\uDC01", "\uDB40\uDC41",         // C.9 tags (U+E0001, U+E0041)
        "\u0378",                               // unassigned: stored-string semantics refuse it
        "\u05D0a", "a\u05D0", "\u05D0a\u05D1",  // bidi: RandALCat with LCat
        "\u05D01",                              // bidi: RandALCat first, not last
    })
    void refuses(String input) {
        assertEquals(Optional.empty(), SaslPrep.prepare(input), () -> input.codePoints()
                .mapToObj(c -> String.format("U+%04X", c)).toList().toString());
        assertEquals(Optional.empty(), SaslPrep.prepare(input.toCharArray()));
    }

    @Test
    void emptyAndWhatMapsToNothing() {
        assertEquals(Optional.of(""), SaslPrep.prepare(""));
        assertEquals(Optional.of(""), SaslPrep.prepare("\u00AD\u200D"), "the caller decides what empty means");
        assertEquals(Optional.empty(), Sasl.prepareName("\u00AD\u200D"), "a name that prepares to nothing");
    }

    @Test
    void printableAsciiIsItselfAndACopy() {
        char[] password = "correct horse ~!@#$%^&*()".toCharArray();
        char[] prepared = SaslPrep.prepare(password).orElseThrow();
        assertArrayEquals(password, prepared);
        assertTrue(prepared != password, "a copy the caller can zero separately");
    }

    @Test
    void hugeInputIsAnswered() {
        assertEquals(Optional.of("\u00E9".repeat(100_000)), SaslPrep.prepare("e\u0301".repeat(100_000)));
        assertEquals(Optional.of("IX".repeat(50_000)), SaslPrep.prepare("\u2168".repeat(50_000)));
        assertEquals(Optional.empty(), SaslPrep.prepare("a".repeat(100_000) + "\u0000"));
    }
}
