package org.godshell.toaster.installer.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsResolverTest {

    private static SettingsResolver.Given given(String host, String domain, String admin, boolean unprivileged) {
        return new SettingsResolver.Given(Path.of("/opt/toaster"), host, domain, admin, null, null, null,
                unprivileged, true, Path.of("/usr/bin/java"), null, null, null, null);
    }

    @Test
    void guessesFromTheSystemNameWithoutAsking() throws SettingsException {
        Settings settings = new SettingsResolver(() -> "Mail.Example.ORG", Optional.empty(), Map.of())
                .resolve(given(null, null, null, false));
        assertEquals("mail.example.org", settings.hostName());
        assertEquals("example.org", settings.domain());
        assertEquals("postmaster@example.org", settings.admin());
        assertEquals(Mode.SYSTEM, settings.mode());
    }

    @Test
    void asksOnlyWhatIsNotGivenWithTheGuessAsDefault() throws SettingsException {
        List<String> asked = new ArrayList<>();
        SettingsResolver.Asker asker = (question, defaultValue) -> {
            asked.add(question + " [" + defaultValue + "]");
            return question.startsWith("Mail domain") ? "" : "boss@example.net";
        };
        Settings settings = new SettingsResolver(() -> "vm", Optional.of(asker), Map.of())
                .resolve(given("mx.example.net", null, null, false));
        assertEquals(List.of("Mail domain [example.net]", "First mailbox (the admin's) [postmaster@example.net]"), asked);
        assertEquals("boss@example.net", settings.admin());
    }

    @Test
    void unprivilegedDefaultsToLocalhostAndAnInstallRecordIsTheDefaultOfARerun() throws SettingsException {
        Settings demo = new SettingsResolver(() -> "mail.example.org", Optional.empty(), Map.of())
                .resolve(given(null, null, null, true));
        assertEquals("localhost", demo.hostName());
        assertEquals("postmaster@localhost", demo.admin());
        Settings rerun = new SettingsResolver(() -> "other", Optional.empty(), Map.of("hostname", "mail.example.org",
                "domain", "example.org", "admin", "me@example.org", "mode", "unprivileged"))
                .resolve(given(null, null, null, false));
        assertEquals("me@example.org", rerun.admin());
        assertEquals(Mode.UNPRIVILEGED, rerun.mode());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "mail.example.org | example.org",
        "example.org      | example.org",
        "a.b.example.org  | b.example.org",
        "localhost        | localhost",
    })
    void domainOfAHost(String host, String domain) {
        assertEquals(domain, Names.domainOfHost(host));
    }

    @Test
    void noLoopbackRelayIsRecordedAndKeptByReruns() throws Exception {
        Settings standard = new SettingsResolver(() -> "mail.example.org", Optional.empty(), Map.of())
                .resolve(given(null, null, null, false));
        assertTrue(standard.loopbackRelay(), "as before, and as Postfix's defaults: programs on the host relay");
        assertFalse(InstallRecord.render(standard).contains("loopbackrelay"));

        SettingsResolver.Given strict = new SettingsResolver.Given(Path.of("/opt/toaster"), "mail.example.org", null,
                null, null, null, null, false, true, Path.of("/usr/bin/java"), null, false, null, null);
        Settings closed = new SettingsResolver(() -> "x", Optional.empty(), Map.of()).resolve(strict);
        assertFalse(closed.loopbackRelay());
        assertTrue(InstallRecord.render(closed).contains("\nloopbackrelay=no\n"), InstallRecord.render(closed));

        Map<String, String> record = Map.of("hostname", "mail.example.org", "mode", "system", "loopbackrelay", "no");
        assertFalse(new SettingsResolver(() -> "x", Optional.empty(), record).resolve(given(null, null, null, false))
                .loopbackRelay(), "a rerun or upgrade keeps the choice");
        SettingsResolver.Given back = new SettingsResolver.Given(Path.of("/opt/toaster"), null, null, null, null,
                null, null, false, true, Path.of("/usr/bin/java"), null, true, null, null);
        assertTrue(new SettingsResolver(() -> "x", Optional.empty(), record).resolve(back).loopbackRelay(),
                "--loopback-relay gives it back");
    }

    @Test
    void noImapIsRecordedAndKeptByRerunsAndTheDemoNeverHasDovecot() throws Exception {
        Settings standard = new SettingsResolver(() -> "mail.example.org", Optional.empty(), Map.of())
                .resolve(given(null, null, null, false));
        assertTrue(standard.dovecot(), "a system install sets up IMAP unless told not to");
        assertFalse(InstallRecord.render(standard).contains("imap"));

        SettingsResolver.Given without = new SettingsResolver.Given(Path.of("/opt/toaster"), "mail.example.org",
                null, null, null, null, null, false, true, Path.of("/usr/bin/java"), null, null, false, null);
        Settings none = new SettingsResolver(() -> "x", Optional.empty(), Map.of()).resolve(without);
        assertFalse(none.dovecot());
        assertTrue(InstallRecord.render(none).endsWith("\nimap=no\n"), InstallRecord.render(none));

        Map<String, String> record = Map.of("hostname", "mail.example.org", "mode", "system", "imap", "no");
        assertFalse(new SettingsResolver(() -> "x", Optional.empty(), record).resolve(given(null, null, null, false))
                .dovecot(), "a rerun or upgrade keeps the choice");
        SettingsResolver.Given back = new SettingsResolver.Given(Path.of("/opt/toaster"), null, null, null, null,
                null, null, false, true, Path.of("/usr/bin/java"), null, null, true, null);
        assertTrue(new SettingsResolver(() -> "x", Optional.empty(), record).resolve(back).dovecot(),
                "--imap sets it up again");
        assertFalse(new SettingsResolver(() -> "x", Optional.empty(), Map.of()).resolve(given(null, null, null, true))
                .dovecot(), "the demo runs without root, so without Dovecot");
    }

    @Test
    void withoutWikiPortsTheWikiListensOnLoopbackBehindTheAdminsWebServerAndARerunKeepsIt() throws Exception {
        Settings standard = new SettingsResolver(() -> "mail.example.org", Optional.empty(), Map.of())
                .resolve(given(null, null, null, false));
        assertTrue(standard.listeners().contains(new Mode.Listener("listen-https", "0.0.0.0", 443)));
        assertEquals(Optional.empty(), standard.wikiUrl());

        SettingsResolver.Given noPorts = new SettingsResolver.Given(Path.of("/opt/toaster"), "mail.example.org", null,
                null, null, null, null, false, true, Path.of("/usr/bin/java"), false, null, null, null);
        Settings behind = new SettingsResolver(() -> "x", Optional.empty(), Map.of()).resolve(noPorts);
        assertEquals(List.of("listen-smtp 0.0.0.0:25", "listen-submission 0.0.0.0:587", "listen-smtps 0.0.0.0:465",
                "listen-pop3 0.0.0.0:110", "listen-pop3s 0.0.0.0:995", "listen-http 127.0.0.1:8080"),
                behind.listeners().stream().map(listener -> listener.controlFile() + " " + listener.line()).toList());
        assertEquals(Optional.of("https://mail.example.org/"), behind.wikiUrl());
        assertTrue(InstallRecord.render(behind).contains("\nwikiports=no\n"), InstallRecord.render(behind));

        Map<String, String> record = Map.of("hostname", "mail.example.org", "mode", "system", "wikiports", "no");
        assertTrue(new SettingsResolver(() -> "x", Optional.empty(), record).resolve(given(null, null, null, false))
                .wikiBehindProxy(), "a rerun keeps the choice");
        SettingsResolver.Given back = new SettingsResolver.Given(Path.of("/opt/toaster"), null, null, null, null,
                null, null, false, true, Path.of("/usr/bin/java"), true, null, null, null);
        assertFalse(new SettingsResolver(() -> "x", Optional.empty(), record).resolve(back).wikiBehindProxy(),
                "--wiki-ports takes them back");
        Settings demo = new SettingsResolver(() -> "x", Optional.empty(), Map.of())
                .resolve(new SettingsResolver.Given(Path.of("/tmp/t"), null, null, null, null, null, null, true,
                        true, Path.of("/usr/bin/java"), false, null, null, null));
        assertFalse(demo.wikiBehindProxy(), "the demo has no port 80 to leave");
    }

    @Test
    void aHostileRecordIsCheckedLikeAnOption() {
        SettingsResolver resolver = new SettingsResolver(() -> "vm", Optional.empty(),
                Map.of("hostname", "mail.example.org\nExecStart=/bin/sh"));
        SettingsException e = assertThrows(SettingsException.class, () -> resolver.resolve(given(null, null, null, false)));
        assertTrue(e.getMessage().contains("is not a host name"), e.getMessage());
    }
}
