package org.godshell.toaster.dmarc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.Controls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The list in use: the shipped one until the admin drops a newer one in {@code control/publicsuffixlist}, read
 * by the control-file rules (again on change; a bad edit keeps the last good list and is logged).
 */
class PublicSuffixesTest {

    @TempDir
    Path control;

    private final List<String> log = new ArrayList<>();

    private void write(String text) throws IOException {
        Path temp = control.resolve(".psl.tmp");
        Files.writeString(temp, text);
        Files.move(temp, control.resolve(PublicSuffixes.FILE), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void theShippedListIsMozillasFileWithItsLicence() throws IOException {
        try (InputStream in = PublicSuffixes.class.getResourceAsStream(PublicSuffixes.RESOURCE)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(text.startsWith("// This Source Code Form is subject to the terms of the Mozilla Public"));
            assertTrue(text.contains("// ===BEGIN PRIVATE DOMAINS==="));
        }
        assertSame(PublicSuffixes.shipped(), PublicSuffixes.shipped(), "parsed once");
    }

    @Test
    void withoutAFileTheShippedListIsUsedAndANewerOneReplacesIt() throws Exception {
        Controls controls = new Controls(control, log::add);
        assertSame(PublicSuffixes.shipped(), controls.get(PublicSuffixes.KEY));
        write("// ===BEGIN ICANN DOMAINS===\ncom\nexample.com\n// ===END ICANN DOMAINS===\n");
        PublicSuffixList admins = controls.get(PublicSuffixes.KEY);
        assertEquals(2, admins.size());
        assertEquals(Optional.of("mail.example.com"), admins.organizationalDomain("a.mail.example.com"));
        Files.delete(control.resolve(PublicSuffixes.FILE));
        assertSame(PublicSuffixes.shipped(), controls.get(PublicSuffixes.KEY));
        assertEquals(List.of(), log);
    }

    @Test
    void aBrokenFileStopsAStartAndABrokenEditKeepsTheLastGoodList() throws Exception {
        write("com\n<!DOCTYPE html>\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> Controls.once(control).get(PublicSuffixes.KEY));
        assertEquals(control.resolve(PublicSuffixes.FILE) + ":2: \"<!DOCTYPE\" is not a rule: a domain name,"
                + " perhaps after \"*.\" (a wildcard, only at the start) or \"!\" (an exception)"
                + PublicSuffixParser.FIX, e.getMessage());

        Controls running = new Controls(control, log::add);
        write("com\nexample.com\n");
        PublicSuffixList good = running.get(PublicSuffixes.KEY);
        write("// ===BEGIN ICANN DOMAINS===\ncom\nexamp");
        assertSame(good, running.get(PublicSuffixes.KEY));
        assertEquals(1, log.size(), log.toString());
        assertTrue(log.get(0).contains(PublicSuffixes.FILE + ":1: the ICANN section is never closed"), log.get(0));
    }

    @Test
    void aFileThatIsNotTextIsRefused() throws Exception {
        Files.write(control.resolve(PublicSuffixes.FILE), new byte[] {'c', 'o', 'm', '\n', (byte) 0xff, '\n'});
        ConfigException e = assertThrows(ConfigException.class,
                () -> Controls.once(control).get(PublicSuffixes.KEY));
        assertEquals(2, e.line());
    }
}
