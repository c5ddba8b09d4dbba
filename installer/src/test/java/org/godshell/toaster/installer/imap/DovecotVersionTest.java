package org.godshell.toaster.installer.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DovecotVersionTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2.3.19.1 (9b53102964)|V2_3",          // Debian 12
        "2.3.21 (47349e2482)|V2_3",            // Ubuntu 24.04
        "2.4.1-4 (7d8c0e5759)|V2_4",           // Debian 13
        "2.4.4 (ab12cd34ef)|V2_4",
        "2.4.0|V2_4",
        "2.3.16~rc1|V2_3"})
    void theVersionsTheInstallerWritesFor(String output, DovecotVersion.Syntax syntax) {
        assertEquals(Optional.of(syntax), DovecotVersion.parse(output + "\n").flatMap(DovecotVersion::syntax));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.2.36.4 (baf9232c1)", "1.2.17", "3.0.0 (pro)", "3.0.0", "2.5.0 (0123abcd)", "2.10.1"})
    void versionsItDoesNotKnowHaveNoSyntax(String output) {
        assertEquals(Optional.empty(), DovecotVersion.parse(output).flatMap(DovecotVersion::syntax), output);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "dovecot: command not found", "2", "2.", ".3.19", "v2.3.19",
        "2.3.19 (9b53102964) extra", "2.3.19 (NOT-HEX)", "2.3.19\u00002.4", "99999.3",
        "Fatal: Error in configuration file /etc/dovecot/dovecot.conf line 1"})
    void anythingElseIsNoVersion(String output) {
        assertEquals(Optional.empty(), DovecotVersion.parse(output), output);
    }

    @org.junit.jupiter.api.Test
    void anOversizedLineIsNoVersion() {
        assertEquals(Optional.empty(), DovecotVersion.parse("2.3." + "1".repeat(5_000)));
        assertEquals(Optional.empty(), DovecotVersion.parse("2.3.19 (" + "a".repeat(300) + ")"));
    }

    @org.junit.jupiter.api.Test
    void onlyTheFirstLineCounts() {
        assertEquals("2.3", DovecotVersion.parse("2.3.19.1 (9b53102964)\nwarning: something\n").orElseThrow()
                .toString());
    }
}
