package org.godshell.toaster.installer.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    @ParameterizedTest
    @CsvSource({"mail.example.org,mail.example.org", "MAIL.Example.org.,mail.example.org", "localhost,localhost",
        "xn--bcher-kva.example,xn--bcher-kva.example", "a-b.c,a-b.c"})
    void hostNames(String raw, String expected) throws SettingsException {
        assertEquals(expected, Names.hostName("--hostname", raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", ".", "-a.org", "a-.org", "a..org", "a_b.org", "a b.org", "a.org;reboot",
        "a.org\nExecStart=x", "ä.org", "a/../b", "%i.org", "$(id).org"})
    void badHostNames(String raw) {
        assertThrows(SettingsException.class, () -> Names.hostName("--hostname", raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"postmaster", "@example.org", "a@", "a b@example.org", "a@b@example.org ",
        "\"q\"@example.org", "a..b@example.org", ".a@example.org", "a@exa mple.org", "a\n@example.org"})
    void badAddresses(String raw) {
        assertThrows(SettingsException.class, () -> Names.address("--admin", raw));
    }

    @ParameterizedTest
    @CsvSource({"postmaster@Example.ORG,postmaster@example.org", "First.Last+tag@example.org,First.Last+tag@example.org"})
    void addresses(String raw, String expected) throws SettingsException {
        assertEquals(expected, Names.address("--admin", raw));
    }

    @org.junit.jupiter.api.Test
    void oversizedNamesAreRefused() {
        assertThrows(SettingsException.class, () -> Names.hostName("--hostname", "a".repeat(64) + ".org"));
        assertThrows(SettingsException.class, () -> Names.hostName("--hostname", ("a".repeat(60) + ".").repeat(5) + "org"));
        assertThrows(SettingsException.class, () -> Names.address("--admin", "a".repeat(65) + "@example.org"));
    }
}
