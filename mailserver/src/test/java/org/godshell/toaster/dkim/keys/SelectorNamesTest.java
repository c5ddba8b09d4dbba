package org.godshell.toaster.dkim.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import org.godshell.toaster.dkim.Algorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Selector names: dated, one DNS label, unique even for a second pair the same day. */
class SelectorNamesTest {

    private static final LocalDate DAY = LocalDate.of(2026, 12, 6);

    @Test
    void namedByDayAndAlgorithm() {
        assertEquals("20261206-rsa", SelectorNames.name(DAY, 1, Algorithm.RSA_SHA256));
        assertEquals("20261206-ed25519", SelectorNames.name(DAY, 1, Algorithm.ED25519_SHA256));
        assertEquals("20261206-2-ed25519", SelectorNames.name(DAY, 2, Algorithm.ED25519_SHA256));
        assertTrue(SelectorNames.valid(SelectorNames.name(DAY, SelectorNames.MAX_PER_DAY, Algorithm.ED25519_SHA256)));
    }

    @Test
    void aPairIsFreeOnlyWhenBothNamesAre() {
        assertEquals(Optional.of(1), SelectorNames.freePair(DAY, name -> false));
        assertEquals(Optional.of(2), SelectorNames.freePair(DAY, Set.of("20261206-ed25519")::contains));
        assertEquals(Optional.of(3), SelectorNames.freePair(DAY, Set.of("20261206-rsa", "20261206-2-rsa")::contains));
        assertEquals(Optional.empty(), SelectorNames.freePair(DAY, name -> true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "a-", "-a", "a.b", "a/b", "..", ".dkim", "A", "a_b", "a b", "é",
        "0123456789012345678901234567890123456789012345678901234567890123"})
    void invalidNames(String name) {
        assertFalse(SelectorNames.valid(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "0", "mail", "20261206-rsa", "s-1-2",
        "012345678901234567890123456789012345678901234567890123456789012"})
    void validNames(String name) {
        assertTrue(SelectorNames.valid(name));
    }

    @Test
    void printableEscapesAndCuts() {
        assertEquals("\"a\\x1b[31m\"", SelectorNames.printable("a\u001b[31m"));
        assertEquals(85, SelectorNames.printable("x".repeat(500)).length());
        assertEquals("(none)", SelectorNames.printable(null));
    }
}
