package org.godshell.toaster.installer.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EntryNameTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bin/toaster        | bin/toaster",
        "./bin/toaster      | bin/toaster",
        "lib/               | lib",
        "a//b/./c           | a/b/c",
        "wiki-content/Home.md | wiki-content/Home.md",
        "dötted/ünïcode.md  | dötted/ünïcode.md",
        "..hidden           | ..hidden",
        "a/...              | a/...",
    })
    void acceptsAndNormalises(String raw, String expected) throws PayloadException {
        assertEquals(expected, EntryName.parse(raw).value());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "../etc/passwd         | climbs out",
        "bin/../../etc/passwd  | climbs out",
        "a/b/..                | climbs out",
        "..                    | climbs out",
        "/etc/passwd           | absolute",
        "//etc/passwd          | absolute",
        "bin\\..\\..\\x        | backslash",
        "./                    | names no file",
        ".                     | names no file",
    })
    void refusesHostileNames(String raw, String reason) {
        PayloadException e = assertThrows(PayloadException.class, () -> EntryName.parse(raw));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void refusesControlCharactersAndShowsThemEscaped() {
        PayloadException e = assertThrows(PayloadException.class, () -> EntryName.parse("bin/to\u0000aster\n"));
        assertTrue(e.getMessage().contains("control character"), e.getMessage());
        assertTrue(e.getMessage().contains("\\x00"), e.getMessage());
        assertThrows(PayloadException.class, () -> EntryName.parse("esc\u001b[2Jape"));
        assertThrows(PayloadException.class, () -> EntryName.parse("del\u007f"));
    }

    @Test
    void refusesEmptyAndOverlongNames() {
        assertThrows(PayloadException.class, () -> EntryName.parse(""));
        assertThrows(PayloadException.class, () -> EntryName.parse(null));
        PayloadException e = assertThrows(PayloadException.class,
                () -> EntryName.parse("a/".repeat(EntryName.MAX_LENGTH)));
        assertTrue(e.getMessage().contains("longer than"), e.getMessage());
    }
}
