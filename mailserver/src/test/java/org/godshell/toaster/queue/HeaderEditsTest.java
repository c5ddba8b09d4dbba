package org.godshell.toaster.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The strict check of header fields to add, and the value type around it. */
class HeaderEditsTest {

    @ParameterizedTest
    @ValueSource(strings = {"X-Spam-Flag: YES", "X-Empty:", "Subject:\tTab", "a:b",
        "Authentication-Results: mx.example.org;\r\n\tdkim=pass header.d=example.org;\r\n spf=pass",
        "X-Unicode-Value: jöran@exämple.org \uD83D\uDCE7", "!#$%&'*+-.^_`|~0123456789:x"})
    void wellFormedFieldsAreAccepted(String field) {
        assertEquals(List.of(field), HeaderEdits.add(field).added());
    }

    static Stream<Arguments> hostileFields() {
        return Stream.of(
                Arguments.of("", "empty"),
                Arguments.of("X-A: one\nX-B: two", "bare LF"),
                Arguments.of("X-A: one\r\n", "ends with a line break"),
                Arguments.of("X-A: one\r\nX-B: two", "not followed by white space"),
                Arguments.of("X-A: one\r\n\r\nbody", "not followed by white space"),
                Arguments.of("X-A: one\rX-B: two", "bare CR"),
                Arguments.of("X-A: one\r", "bare CR"),
                Arguments.of("X-A: o\0ne", "NUL"),
                Arguments.of("X-A: bell\u0007", "control"),
                Arguments.of("X-A: del\u007f", "control"),
                Arguments.of("X-A: \uD83D alone", "Unicode"),
                Arguments.of("X-A: one\r\n   \r\n x", "white space only"),
                Arguments.of("X-A: one\r\n\t", "white space only"),
                Arguments.of("X-A: " + "x".repeat(994), "998"),
                Arguments.of("X-A: ok\r\n " + "x".repeat(998), "998"),
                Arguments.of("X-A: " + "é".repeat(497), "998"),
                Arguments.of("X" + "y".repeat(1000) + ":", "998"),
                Arguments.of("no colon at all", "field name"),
                Arguments.of(": no name", "field name"),
                Arguments.of("X-A : space before the colon", "outside printable"),
                Arguments.of(" X-A: leading space", "outside printable"),
                Arguments.of("X\u00e4: non-ASCII name", "outside printable"),
                Arguments.of("X\tA: tab in name", "outside printable"));
    }

    @ParameterizedTest
    @MethodSource("hostileFields")
    void hostileFieldsAreRefusedSayingWhy(String field, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HeaderEdits.add(field));
        assertTrue(e.getMessage().startsWith("header field to add refused: "), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @Test
    void aLineOfExactly998OctetsIsTheLimit() {
        HeaderEdits.add("X-A: " + "x".repeat(993));
        HeaderEdits.add("X-A: " + "é".repeat(496) + "x");
        HeaderEdits.add("X-A: a\r\n " + "x".repeat(997));
    }

    @Test
    void theFieldsTogetherAreCapped() {
        String field = "X-Filler: " + "x".repeat(900);
        List<String> fits = new ArrayList<>();
        long octets = 0;
        while (octets + field.length() + 2 <= HeaderEdits.MAX_ADDED_OCTETS) {
            fits.add(field);
            octets += field.length() + 2;
        }
        assertEquals(fits, new HeaderEdits(fits, List.of()).added());
        fits.add(field);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HeaderEdits(fits, List.of()));
        assertTrue(e.getMessage().contains("over " + HeaderEdits.MAX_ADDED_OCTETS), e.getMessage());
    }

    @Test
    void positionsAreSortedWithoutRepeatsAndNeverNegative() {
        assertEquals(List.of(0, 3, 7), new HeaderEdits(List.of(), List.of(7, 0, 3, 7)).dropped());
        assertThrows(IllegalArgumentException.class, () -> new HeaderEdits(List.of(), List.of(2, -1)));
        assertThrows(NullPointerException.class, () -> new HeaderEdits(List.of(), Arrays.asList(1, null)));
        assertTrue(HeaderEdits.NONE.isEmpty());
        assertFalse(new HeaderEdits(List.of(), List.of(0)).isEmpty());
    }

    @Test
    void theListsAreCopies() {
        List<String> added = new ArrayList<>(List.of("X-A: 1"));
        HeaderEdits edits = new HeaderEdits(added, List.of());
        added.add("X-B: 2");
        assertEquals(List.of("X-A: 1"), edits.added());
        assertThrows(UnsupportedOperationException.class, () -> edits.added().add("X-C: 3"));
    }
}
