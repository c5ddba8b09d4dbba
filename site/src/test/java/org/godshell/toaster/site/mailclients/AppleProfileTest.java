package org.godshell.toaster.site.mailclients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.godshell.toaster.mailclients.ClientSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;

/** The profile read as a plist, key by key, as the device's profile installer takes the mail payload from it. */
class AppleProfileTest {

    private static Map<String, Object> profile(String address, ClientSettings settings) throws Exception {
        String xml = AppleProfile.document(EmailAddress.parse(address).orElseThrow(), settings).orElseThrow();
        Document document = ClientReader.parse(xml);
        assertEquals("plist", document.getDoctype().getName());
        assertEquals("-//Apple//DTD PLIST 1.0//EN", document.getDoctype().getPublicId());
        assertEquals("1.0", document.getDocumentElement().getAttribute("version"));
        return ClientReader.dict(ClientReader.children(document.getDocumentElement(), "dict").getFirst());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> payload(Map<String, Object> profile) {
        List<Object> content = (List<Object>) profile.get("PayloadContent");
        assertEquals(1, content.size());
        return (Map<String, Object>) content.getFirst();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ann@example.org", "bob@example.net"})
    void anImapAccountWithThePreferredServicesAndNoPassword(String address) throws Exception {
        Map<String, Object> profile = profile(address, Fixtures.SYSTEM);
        String domain = address.substring(address.indexOf('@') + 1);
        assertEquals("Configuration", profile.get("PayloadType"));
        assertEquals("1", profile.get("PayloadVersion"));
        assertEquals(domain, profile.get("PayloadOrganization"));
        Map<String, Object> mail = payload(profile);
        assertEquals("com.apple.mail.managed", mail.get("PayloadType"));
        assertEquals("EmailTypeIMAP", mail.get("EmailAccountType"));
        assertEquals(address, mail.get("EmailAddress"));
        assertEquals("mail.example.org", mail.get("IncomingMailServerHostName"));
        assertEquals("993", mail.get("IncomingMailServerPortNumber"));
        assertEquals("true", mail.get("IncomingMailServerUseSSL"));
        assertEquals(address, mail.get("IncomingMailServerUsername"));
        assertEquals("EmailAuthPassword", mail.get("IncomingMailServerAuthentication"));
        assertEquals("mail.example.org", mail.get("OutgoingMailServerHostName"));
        assertEquals("465", mail.get("OutgoingMailServerPortNumber"));
        assertEquals("true", mail.get("OutgoingMailServerUseSSL"));
        assertEquals(address, mail.get("OutgoingMailServerUsername"));
        assertEquals("true", mail.get("OutgoingPasswordSameAsIncomingPassword"));
        assertTrue(mail.keySet().stream().noneMatch(key -> key.contains("Password") && !key.startsWith("Outgoing")),
                "no password in the profile: " + mail.keySet());
        assertTrue(((String) mail.get("PayloadIdentifier")).startsWith(String.join(".",
                List.of(domain.split("\\.")).reversed()) + ".mail."), mail.get("PayloadIdentifier").toString());
    }

    @Test
    void theUuidsAreStablePerAddressAndDistinct() throws Exception {
        Map<String, Object> first = profile("ann@example.org", Fixtures.SYSTEM);
        Map<String, Object> again = profile("Ann@EXAMPLE.org", Fixtures.DEMO);
        Map<String, Object> other = profile("bob@example.org", Fixtures.SYSTEM);
        String profileUuid = (String) first.get("PayloadUUID");
        String accountUuid = (String) payload(first).get("PayloadUUID");
        assertEquals(profileUuid, UUID.fromString(profileUuid).toString().toUpperCase(java.util.Locale.ROOT));
        assertNotEquals(profileUuid, accountUuid);
        assertEquals(profileUuid, again.get("PayloadUUID"), "the same address, so the same profile");
        assertEquals(accountUuid, payload(again).get("PayloadUUID"));
        assertEquals(first.get("PayloadIdentifier"), again.get("PayloadIdentifier"));
        assertNotEquals(profileUuid, other.get("PayloadUUID"));
        assertNotEquals(first.get("PayloadIdentifier"), other.get("PayloadIdentifier"));
    }

    @Test
    void submissionWithStarttlsWhenThereIsNoSmtpsAndNothingWithoutAnyWayToSend() throws Exception {
        Map<String, Object> demo = payload(profile("ann@example.org", Fixtures.DEMO));
        assertEquals("2587", demo.get("OutgoingMailServerPortNumber"));
        assertEquals("EmailTypePOP", demo.get("EmailAccountType"), "the demo has no IMAP: its POP3S");
        assertEquals("2995", demo.get("IncomingMailServerPortNumber"));
        ClientSettings readOnly = ClientSettings.of("mail.example.org", Map.of("listen-pop3s", 995), true);
        assertEquals(Optional.empty(), AppleProfile.document(EmailAddress.parse("ann@example.org").orElseThrow(),
                readOnly));
        assertEquals("example.org.mobileconfig", AppleProfile.fileName(EmailAddress.parse("ann@Example.org")
                .orElseThrow()));
    }

    @Test
    void anAddressWithMarkupIsEscapedAndReadBackIntact() throws Exception {
        assertEquals("o'brien&co@example.org", payload(profile("o'brien&co@example.org", Fixtures.SYSTEM))
                .get("EmailAddress"));
    }
}
