package org.godshell.toaster.mailclients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.godshell.toaster.mailclients.ClientService.Protocol;
import org.godshell.toaster.mailclients.ClientService.Security;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientSettingsTest {

    @Test
    void implicitTlsFirstImapBeforePop3AndTheListenFilesPorts() {
        ClientSettings settings = ClientSettings.of("Mail.Example.org", Map.of("listen-submission", 587,
                "listen-smtps", 465, "listen-pop3", 110, "listen-pop3s", 995, "listen-https", 443), true);
        assertEquals("mail.example.org", settings.host());
        assertEquals(List.of(new ClientService(Protocol.IMAP, Security.TLS, 993),
                new ClientService(Protocol.IMAP, Security.STARTTLS, 143),
                new ClientService(Protocol.POP3, Security.TLS, 995),
                new ClientService(Protocol.POP3, Security.STARTTLS, 110)), settings.incoming());
        assertEquals(List.of(new ClientService(Protocol.SMTP, Security.TLS, 465),
                new ClientService(Protocol.SMTP, Security.STARTTLS, 587)), settings.outgoing());
        assertEquals(OptionalInt.of(443), settings.https());
        assertEquals(465, settings.first(Protocol.SMTP).orElseThrow().port());
    }

    @Test
    void aMissingFileOrPortZeroOffersNothing() {
        ClientSettings settings = ClientSettings.of("mail.example.org", Map.of("listen-submission", 0,
                "listen-pop3s", 2995), true);
        assertEquals(List.of(), settings.outgoing());
        assertEquals(2995, settings.first(Protocol.POP3).orElseThrow().port());
        assertEquals(OptionalInt.empty(), settings.https());
        assertEquals(993, settings.first(Protocol.IMAP).orElseThrow().port(), "IMAP is Dovecot's ports");
    }

    @Test
    void withoutDovecotNoImapIsOffered() {
        ClientSettings settings = ClientSettings.of("mail.example.org", Map.of("listen-pop3s", 995), false);
        assertEquals(List.of(new ClientService(Protocol.POP3, Security.TLS, 995)), settings.incoming());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "a..b", "mail.example.org.", "-", "mail example", "mail\r\nX: y", "<host>",
        "m\u00e4il.example"})
    void aHostNameThatCouldNotBeWrittenIntoADocumentIsRefused(String host) {
        assertThrows(IllegalArgumentException.class, () -> ClientSettings.of(host, Map.of(), true));
    }

    @Test
    void aTooLongHostNameAndABadPortAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ClientSettings.of("a".repeat(254), Map.of(), true));
        assertThrows(IllegalArgumentException.class, () -> ClientSettings.of("mail.example.org",
                Map.of("listen-smtps", 65536), true));
    }
}
