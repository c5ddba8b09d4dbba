package org.godshell.toaster.users.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.users.UserBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RowsTest {

    @ParameterizedTest
    @ValueSource(strings = {"a@example.net", "x'OR'1'='1@example.net", "first.last+tag@xn--bcher-kva.example",
        "%_*@example.net", "a@b"})
    void targetsTheToasterWritesAreWellFormed(String target) {
        assertTrue(Rows.wellFormed(target), target);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "@", "a@", "@example.net", "a", "a b@example.net", "a,b@example.net", "a@b@example.net",
        "<a@example.net>", "\"a\"@example.net", "a\\b@example.net", "a@Example.net", "a@example.net.\u00e9",
        "\u00e9@example.net", "a\n@example.net", "a@example.net\r", "a\0@example.net", "a@exa_mple.net",
        "|/bin/sh@x", "/etc/passwd@x", ":include:/x@example.net"})
    void anythingElseIsNot(String target) {
        assertFalse(Rows.wellFormed(target), target);
    }

    @Test
    void aTargetLongerThanAnAddressIsNot() {
        assertTrue(Rows.wellFormed("a".repeat(64) + "@" + "b".repeat(255)));
        assertFalse(Rows.wellFormed("a".repeat(65) + "@" + "b".repeat(255)));
    }

    @Test
    void anAliasIsBrokenPastTheLimitOrByOneBadTarget() {
        List<String> max = Collections.nCopies(UserBackend.MAX_ALIAS_TARGETS, "a@example.net");
        assertEquals(Optional.empty(), Rows.aliasProblem(max));
        assertEquals(Optional.of("it has more than 1000 targets"),
                Rows.aliasProblem(Collections.nCopies(UserBackend.MAX_ALIAS_TARGETS + 1, "a@example.net")));
        assertEquals(Optional.of("\"a\\x0ab@example.net\" is not a target address"),
                Rows.aliasProblem(List.of("ok@example.net", "a\nb@example.net")));
    }

    @Test
    void printableEscapesControlsAndBoundsTheLength() {
        assertEquals("a\\x1b[2Jb\\x7f", Rows.printable("a\u001b[2Jb\u007f"));
        assertEquals(200, Rows.printable("x".repeat(5000)).length());
    }
}
