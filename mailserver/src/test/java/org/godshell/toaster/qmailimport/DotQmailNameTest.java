package org.godshell.toaster.qmailimport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which address a .qmail-EXT file answers for, as qmail-local looks it up. */
class DotQmailNameTest {

    @ParameterizedTest
    @CsvSource({
        ".qmail-sales, sales",
        ".qmail-foo-bar, foo-bar",
        ".qmail-jane:doe, jane.doe",
        ".qmail-a:b:c, a.b.c",
        ".qmail-postmaster, postmaster",
        ".qmail-x_y+z, x_y+z"})
    void aFileAnswersForOneLocalPart(String file, String localPart) {
        assertEquals(new DotQmailName.LocalPart(localPart), DotQmailName.of(file));
    }

    @Test
    void defaultIsTheCatchAll() {
        assertEquals(new DotQmailName.CatchAll(), DotQmailName.of(".qmail-default"));
    }

    @ParameterizedTest
    @ValueSource(strings = {".qmail-", ".qmail", "qmail-foo", ".qmail-foo-default", ".qmail-jane.doe",
        ".qmail-Sales", ".qmail-a::b", ".qmail-:a", ".qmail-a:", ".qmail-sp ace", ".qmail-caf\u00e9",
        ".qmail-a/b", ".qmail-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void othersAreNotImportedWithAReason(String file) {
        DotQmailName name = DotQmailName.of(file);
        assertInstanceOf(DotQmailName.NotImported.class, name, file);
        assertFalse(((DotQmailName.NotImported) name).reason().isBlank());
    }

    @Test
    void reasonsShowOnlyPrintableAscii() {
        DotQmailName.NotImported name = (DotQmailName.NotImported) DotQmailName.of(".qmail-a\u001b[2Jb:");
        assertFalse(name.reason().contains("\u001b"));
    }
}
