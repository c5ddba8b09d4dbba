package org.godshell.toaster.tlspublish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.config.StsMode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The policy from the control files: its text, its id, and the files' strict reading. */
class StsPolicyTest {

    @TempDir
    Path control;

    @BeforeEach
    void me() throws IOException {
        write("me", "Mail.Example.org");
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(control.resolve(name), text);
    }

    private StsPolicy read() throws ConfigException {
        return StsPolicy.read(Controls.once(control));
    }

    @Test
    void theDefaultIsATestingPolicyForTheHostNameForAWeek() throws Exception {
        StsPolicy policy = read();
        assertEquals("version: STSv1\r\nmode: testing\r\nmx: mail.example.org\r\nmax_age: 604800\r\n", policy.text());
        assertTrue(policy.published());
        assertTrue(policy.id().matches("[0-9a-f]{32}"), policy.id());
        assertEquals("v=STSv1; id=" + policy.id(), policy.txt());
    }

    @Test
    void theIdChangesExactlyWhenThePolicyDoes() throws Exception {
        String first = read().id();
        assertEquals(first, read().id(), "the same files, the same id");
        write("mtastsmode", "enforce\n");
        String enforce = read().id();
        assertNotEquals(first, enforce);
        write("mtastsmaxage", "86400\n");
        String shorter = read().id();
        assertNotEquals(enforce, shorter);
        write("mtastsmx", "# the backup\nbackup.example.net.\n*.example.com\nmail.example.org\n");
        StsPolicy more = read();
        assertNotEquals(shorter, more.id());
        assertEquals(List.of("mail.example.org", "backup.example.net", "*.example.com"), more.mx());
        assertEquals("version: STSv1\r\nmode: enforce\r\nmx: mail.example.org\r\nmx: backup.example.net\r\n"
                + "mx: *.example.com\r\nmax_age: 86400\r\n", more.text());
        write("mtastsmx", "*.example.com\nbackup.example.net\n");
        assertNotEquals(more.id(), read().id(), "the order of the mx lines is part of the text");
    }

    @Test
    void noneIsNoPolicy() throws Exception {
        write("mtastsmode", "none\n");
        assertEquals(StsMode.NONE, read().mode());
        assertFalse(read().published());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Enforce", "enforce now", "off", "testing;", "\u001b[31menforce", "strict",
        "mode: enforce"})
    void aModeThatIsNotOneOfTheThreeStopsWithFileAndLine(String mode) throws IOException {
        write("mtastsmode", mode + "\n");
        ConfigException e = assertThrows(ConfigException.class, this::read);
        assertTrue(e.getMessage().contains("mtastsmode:1: "), e.getMessage());
        assertTrue(e.getMessage().contains("write none, testing or enforce"), e.getMessage());
        assertFalse(e.getMessage().contains("\u001b"), "control characters are not echoed");
    }

    @Test
    void aVeryLongModeIsCutInTheMessage() throws IOException {
        write("mtastsmode", "x".repeat(100_000) + "\n");
        ConfigException e = assertThrows(ConfigException.class, this::read);
        assertTrue(e.getMessage().length() < 300, e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"31557601", "-1", "1w", "604800s", "99999999999999999999", "0x10", " "})
    void aMaxAgeOutsideTheRfcsRangeStops(String age) throws IOException {
        write("mtastsmaxage", age + "\n");
        ConfigException e = assertThrows(ConfigException.class, this::read);
        assertTrue(e.getMessage().contains("mtastsmaxage:1: "), e.getMessage());
    }

    @Test
    void theLargestMaxAgeIsAYear() throws Exception {
        write("mtastsmaxage", "31557600\n");
        assertEquals(31_557_600, read().maxAge());
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "*.com", "com", "a..example.org", "-a.example.org", "a-.example.org",
        "mail.example.org:25", "*.*.example.org", "mail_1.example.org", "müll.example.org", "mail.example.org x",
        "*example.org", ".example.org", "https://mail.example.org"})
    void anMxLineThatIsNoHostNameOrPatternStopsWithItsLine(String line) throws IOException {
        write("mtastsmx", "backup.example.net\n" + line + "\n");
        ConfigException e = assertThrows(ConfigException.class, this::read);
        assertTrue(e.getMessage().contains("mtastsmx:2: "), e.getMessage());
    }

    @Test
    void anOversizedMxLineStopsAndIsCutInTheMessage() throws IOException {
        write("mtastsmx", ("a".repeat(63) + ".").repeat(5) + "org\n");
        ConfigException e = assertThrows(ConfigException.class, this::read);
        assertTrue(e.getMessage().length() < 300, e.getMessage());
    }
}
