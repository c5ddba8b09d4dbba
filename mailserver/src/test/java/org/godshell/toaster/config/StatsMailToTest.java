package org.godshell.toaster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * control/statsmailto: absent means no report; one RFC 5321 mailbox is kept as the server writes it; anything
 * else (a second address, parameters, header syntax, control characters, too long) is refused with file:line,
 * without echoing raw control characters.
 */
class StatsMailToTest {

    @TempDir
    Path control;

    @Test
    void absentIsNoReportAndAnAddressIsKeptAsGiven() throws Exception {
        assertEquals(Optional.empty(), Controls.once(control).get(ControlFiles.STATSMAILTO));
        Files.writeString(control.resolve("statsmailto"), "  Admin@Example.org \n# a comment\n");
        assertEquals(Optional.of("Admin@Example.org"), Controls.once(control).get(ControlFiles.STATSMAILTO));
        Files.writeString(control.resolve("statsmailto"), "\"a b\"@example.org\n");
        assertEquals(Optional.of("\"a b\"@example.org"), Controls.once(control).get(ControlFiles.STATSMAILTO));
        assertEquals("next report", ControlFiles.STATSMAILTO.effectText());
        assertEquals("none: no daily report", ControlFiles.STATSMAILTO.fallbackText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"postmaster", "no-at-sign", "a@b.example> NOTIFY=NEVER", "a@b.example>,<c@d.example",
            "Admin <admin@example.org>", "a@b.example, c@d.example", "@relay.example:a@b.example x", "a@",
            "@example.org", "a@-bad-.example", "a b@example.org", "a@b\u001b[31m.example",
            "<a@b.example>"})
    void refusedWithFileAndLine(String bad) throws Exception {
        Files.writeString(control.resolve("statsmailto"), bad + "\n", StandardCharsets.UTF_8);
        ConfigException e = assertThrows(ConfigException.class,
                () -> Controls.once(control).get(ControlFiles.STATSMAILTO), bad);
        assertTrue(e.getMessage().contains("statsmailto:1:"), e.getMessage());
        assertTrue(e.getMessage().contains("postmaster@example.org"), "the fix: " + e.getMessage());
        assertFalse(e.getMessage().chars().anyMatch(c -> c < 0x20), "no raw control characters: " + e.getMessage());
    }

    @Test
    void aNulByteIsRefusedByTheReaderOfEveryControlFile() throws Exception {
        Files.writeString(control.resolve("statsmailto"), "a@b.example\u0000\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> Controls.once(control).get(ControlFiles.STATSMAILTO));
        assertTrue(e.getMessage().contains("statsmailto:1:") && e.getMessage().contains("NUL"), e.getMessage());
    }

    @Test
    void anAddressLongerThanAPathMayBeIsRefused() throws Exception {
        Files.writeString(control.resolve("statsmailto"), "a".repeat(64) + "@" + "b".repeat(60) + "."
                + "c".repeat(60) + "." + "d".repeat(60) + "." + "e".repeat(20) + ".example\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> Controls.once(control).get(ControlFiles.STATSMAILTO));
        assertTrue(e.getMessage().length() < 400, "the complaint stays short: " + e.getMessage());
        Files.writeString(control.resolve("statsmailto"), "x".repeat(100_000) + "@example.org\n");
        assertThrows(ConfigException.class, () -> Controls.once(control).get(ControlFiles.STATSMAILTO));
    }

    @Test
    void checkGivesTheServersFormAndSaysWhatIsWrong() {
        assertEquals("postmaster@example.org", ReportAddress.check("postmaster@example.org"));
        assertEquals("a@[192.0.2.1]", ReportAddress.check("a@[192.0.2.1]"));
        assertEquals("it has no domain", assertThrows(IllegalArgumentException.class,
                () -> ReportAddress.check("postmaster")).getMessage());
        assertEquals("it has more than an address", assertThrows(IllegalArgumentException.class,
                () -> ReportAddress.check("a@b.example> SIZE=1")).getMessage());
    }
}
