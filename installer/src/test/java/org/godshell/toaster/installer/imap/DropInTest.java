package org.godshell.toaster.installer.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The drop-in and the reload units against golden files in {@code src/test/resources/imap/} (rewrite them with
 * {@code -Dgolden.rewrite=true} after a deliberate change, and read the diff): 2.3's is also run by a real
 * Dovecot in {@link RealDovecotTest}; 2.4's is written from Dovecot's 2.4 documentation and source and was not run
 * here. Values that a configuration could read as more than a word are refused, never quoted.
 */
class DropInTest {

    private static final Path GOLDEN = Path.of("src/test/resources/imap");

    @ParameterizedTest
    @EnumSource(DovecotVersion.Syntax.class)
    void theDropInOfEachSyntaxIsItsGoldenFile(DovecotVersion.Syntax syntax) throws Exception {
        DropIn dropIn = new DropIn(Path.of("/opt/toaster"), "toaster", syntax);
        String version = syntax.name().substring(1).replace('_', '.');
        golden("99-toaster-" + version + ".conf", dropIn.render());
        golden("05-toaster-users-" + version + ".conf", dropIn.users());
    }

    @Test
    void theReloadUnitsAreTheirGoldenFiles() throws Exception {
        Map<String, String> units = new ReloadUnits(Path.of("/opt/toaster")).render();
        assertEquals(ReloadUnits.UNITS, units.keySet().stream().toList());
        for (Map.Entry<String, String> unit : units.entrySet()) {
            golden(unit.getKey(), unit.getValue());
        }
        assertTrue(units.get(ReloadUnits.PATH).contains("\nPathChanged=/opt/toaster/control/servercert.pem\n"));
    }

    @Test
    void bothSyntaxesKeepDovecotOffThePop3PortsAndRequireTls() throws Exception {
        for (DovecotVersion.Syntax syntax : DovecotVersion.Syntax.values()) {
            DropIn dropIn = new DropIn(Path.of("/srv/mail/toaster"), "toaster", syntax);
            String text = dropIn.render();
            assertTrue(text.contains("\nprotocols = imap\n"), syntax.name());
            assertTrue(text.contains("\nssl = required\n"), syntax.name());
            assertTrue(text.contains("/srv/mail/toaster/control/servercert.pem\n"), syntax.name());
            assertTrue(text.contains("\nauth_mechanisms = plain login scram-sha-256\n"), syntax.name());
            assertTrue(text.contains("\nmail_uid = toaster\n"), syntax.name());
            assertTrue(dropIn.users().contains("\n  extra_groups = toaster\n"), syntax.name());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/opt/toaster dir", "/opt/\"toaster", "/opt/toaster\nprotocols = imap pop3",
        "/opt/toaster\r", "/opt/#toaster", "/opt/%d", "/opt/$SET:x", "/opt/<x", "/opt/{x}", "/opt/toaster/..",
        "/opt/../etc", "/opt/tö", "/opt/'x'", "/opt/x;y", "/opt/x\\y"})
    void aHostilePrefixIsRefusedNotQuoted(String prefix) {
        for (DovecotVersion.Syntax syntax : DovecotVersion.Syntax.values()) {
            UnsafeValueException e = assertThrows(UnsafeValueException.class,
                    () -> new DropIn(Path.of(prefix), "toaster", syntax).render(), prefix);
            assertTrue(e.getMessage().contains("--prefix") && !e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void aPrefixLongerThanAnyRealOneIsRefused() {
        assertThrows(UnsafeValueException.class, () -> new DropIn(Path.of("/" + "a".repeat(300)), "toaster",
                DovecotVersion.Syntax.V2_3).render());
        assertThrows(UnsafeValueException.class, () -> new ReloadUnits(Path.of("/opt/a b")).render());
        assertThrows(UnsafeValueException.class, () -> new ReloadUnits(Path.of("/opt/%n")).render());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "root\nmail_uid = root", "to aster", "Toaster", "1toaster",
        "toaster#", "$user", "abcdefghijklmnopqrstuvwxyzabcdefg"})
    void aHostileUserIsRefused(String user) {
        assertThrows(UnsafeValueException.class, () -> new DropIn(Path.of("/opt/toaster"), user,
                DovecotVersion.Syntax.V2_4).render(), user);
    }

    private static void golden(String name, String actual) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("golden.rewrite")) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, name + " (rewrite with "
                + "-Dgolden.rewrite=true after a deliberate change)");
    }
}
