package org.godshell.toaster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.godshell.toaster.mailclients.ClientService;
import org.godshell.toaster.mailclients.ClientService.Protocol;
import org.godshell.toaster.mailclients.ClientService.Security;
import org.godshell.toaster.mailclients.ClientSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What mail clients are told comes from the listen files: each file's first port, and nothing for a missing one. */
class ClientPortsTest {

    @TempDir
    Path control;

    @Test
    void theFirstAddressOfEachFileGivesThePort() throws Exception {
        Files.writeString(control.resolve("listen-submission"), "0.0.0.0:587\n[::]:2587\n");
        Files.writeString(control.resolve("listen-smtps"), "[::]:465\n");
        Files.writeString(control.resolve("listen-pop3s"), "0.0.0.0:995\n");
        Files.writeString(control.resolve("listen-https"), "0.0.0.0:8443\n");
        ClientSettings settings = ClientPorts.read(Controls.once(control), "mail.example.org", true);
        assertEquals(List.of(new ClientService(Protocol.SMTP, Security.TLS, 465),
                new ClientService(Protocol.SMTP, Security.STARTTLS, 587)), settings.outgoing());
        assertEquals(List.of(995), settings.incoming().stream().filter(s -> s.protocol() == Protocol.POP3)
                .map(ClientService::port).toList(), "no listen-pop3: no plain POP3 with STLS");
        assertEquals(OptionalInt.of(8443), settings.https());
    }

    @Test
    void behindAnotherWebServerHttpsIsWhereWikiurlSays() throws Exception {
        Files.writeString(control.resolve("listen-http"), "127.0.0.1:8080\n");
        Files.writeString(control.resolve("wikiurl"), "https://mail.example.org/\n");
        assertEquals(OptionalInt.of(443), ClientPorts.read(Controls.once(control), "mail.example.org", true)
                .https());
        Files.writeString(control.resolve("wikiurl"), "https://mail.example.org:8443/docs/\n");
        assertEquals(OptionalInt.of(8443), ClientPorts.read(Controls.once(control), "mail.example.org", true)
                .https());
        Files.writeString(control.resolve("wikiurl"), "http://mail.example.org/\n");
        assertEquals(OptionalInt.empty(), ClientPorts.read(Controls.once(control), "mail.example.org", true)
                .https());
    }

    @Test
    void aBrokenListenFileIsAnErrorWithItsName() throws Exception {
        Files.writeString(control.resolve("listen-pop3s"), "somewhere:995\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> ClientPorts.read(Controls.once(control), "mail.example.org", true));
        assertTrue(e.getMessage().contains("listen-pop3s:1"), e.getMessage());
    }

    @Test
    void theWikiReadsTheListenFilesAtStartAndTheDomainsAtEachRequest() {
        assertEquals("restart (smtpd, wiki)", ControlFiles.LISTEN_SUBMISSION.effectText());
        assertEquals("restart (pop3d, wiki)", ControlFiles.LISTEN_POP3S.effectText());
        assertEquals("next connection", ControlFiles.RCPTHOSTS.effectText());
        assertTrue(ControlFiles.RCPTHOSTS.uses().contains(new Key.Use("wiki", Key.Effect.NEXT_CONNECTION)));
    }
}
