package org.godshell.toaster.site.mailclients;

import static org.godshell.toaster.site.mailclients.ClientReader.children;
import static org.godshell.toaster.site.mailclients.ClientReader.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;

/**
 * The POX answer as Outlook reads it: the Autodiscover element in the response namespace, the Response in the
 * outlook 2006a namespace, an email Account with Action "settings", and one Protocol per type.
 */
class AutodiscoverResponseTest {

    private static Element account(String xml) throws Exception {
        Element root = ClientReader.parse(xml).getDocumentElement();
        assertEquals(AutodiscoverResponse.RESPONSE_NAMESPACE, root.getNamespaceURI());
        assertEquals("Autodiscover", root.getLocalName());
        Element response = children(root, "Response").getFirst();
        assertEquals(AutodiscoverRequest.OUTLOOK_RESPONSE_SCHEMA, response.getNamespaceURI());
        Element account = children(response, "Account").getFirst();
        assertEquals(AutodiscoverRequest.OUTLOOK_RESPONSE_SCHEMA, account.getNamespaceURI());
        assertEquals("email", text(account, "AccountType"));
        assertEquals("settings", text(account, "Action"));
        return account;
    }

    /** What Outlook takes from a Protocol element. */
    private static String protocol(Element protocol) {
        return String.join(" ", text(protocol, "Type"), text(protocol, "Server"), text(protocol, "Port"),
                text(protocol, "LoginName"), text(protocol, "SPA"), text(protocol, "SSL"),
                text(protocol, "Encryption"), text(protocol, "AuthRequired"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ann@example.org", "bob@example.net"})
    void oneProtocolPerTypeItsPreferredServiceTheAddressAsLogin(String address) throws Exception {
        Element account = account(AutodiscoverResponse.settings(EmailAddress.parse(address).orElseThrow(),
                Fixtures.SYSTEM));
        assertEquals(List.of(
                "IMAP mail.example.org 993 " + address + " off on SSL on",
                "SMTP mail.example.org 465 " + address + " off on SSL on",
                "POP3 mail.example.org 995 " + address + " off on SSL on"),
                children(account, "Protocol").stream().map(AutodiscoverResponseTest::protocol).toList());
    }

    @Test
    void starttlsIsEncryptionTlsAndAnAddressWithMarkupComesBackIntact() throws Exception {
        EmailAddress odd = EmailAddress.parse("o'brien&co@example.org").orElseThrow();
        Element account = account(AutodiscoverResponse.settings(odd, Fixtures.DEMO));
        assertEquals(List.of(
                "SMTP mail.example.org 2587 o'brien&co@example.org off on TLS on",
                "POP3 mail.example.org 2995 o'brien&co@example.org off on SSL on"),
                children(account, "Protocol").stream().map(AutodiscoverResponseTest::protocol).toList());
    }

    @Test
    void theInvalidRequestErrorIsExchanges() throws Exception {
        Element root = ClientReader.parse(AutodiscoverResponse.invalidRequest()).getDocumentElement();
        assertEquals(AutodiscoverResponse.RESPONSE_NAMESPACE, root.getNamespaceURI());
        Element error = children(children(root, "Response").getFirst(), "Error").getFirst();
        assertEquals("600", text(error, "ErrorCode"));
        assertEquals("Invalid Request", text(error, "Message"));
    }
}
