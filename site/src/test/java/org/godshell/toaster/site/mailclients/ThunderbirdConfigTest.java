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
 * The clientConfig document as Thunderbird's readFromXML reads it: the emailProvider with its id and domain, then
 * every incomingServer and outgoingServer with the five fields it takes from each, in order.
 */
class ThunderbirdConfigTest {

    /** One server as Thunderbird reads it: type, host, port, socket type, user name, authentication. */
    private static String server(Element server) {
        return String.join(" ", server.getAttribute("type"), text(server, "hostname"), text(server, "port"),
                text(server, "socketType"), text(server, "username"), text(server, "authentication"));
    }

    private static Element provider(String xml) throws Exception {
        Element root = ClientReader.parse(xml).getDocumentElement();
        assertEquals("clientConfig", root.getTagName());
        assertEquals("1.1", root.getAttribute("version"));
        return children(root, "emailProvider").getFirst();
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.org", "example.net"})
    void everyServiceOfASystemInstallImplicitTlsFirst(String domain) throws Exception {
        Element provider = provider(ThunderbirdConfig.document(domain, Fixtures.SYSTEM));
        assertEquals(domain, provider.getAttribute("id"));
        assertEquals(domain, text(provider, "domain"));
        assertEquals(domain + " mail", text(provider, "displayName"));
        assertEquals(List.of(
                "imap mail.example.org 993 SSL %EMAILADDRESS% password-cleartext",
                "imap mail.example.org 143 STARTTLS %EMAILADDRESS% password-cleartext",
                "pop3 mail.example.org 995 SSL %EMAILADDRESS% password-cleartext",
                "pop3 mail.example.org 110 STARTTLS %EMAILADDRESS% password-cleartext"),
                children(provider, "incomingServer").stream().map(ThunderbirdConfigTest::server).toList());
        assertEquals(List.of(
                "smtp mail.example.org 465 SSL %EMAILADDRESS% password-cleartext",
                "smtp mail.example.org 587 STARTTLS %EMAILADDRESS% password-cleartext"),
                children(provider, "outgoingServer").stream().map(ThunderbirdConfigTest::server).toList());
    }

    @Test
    void theDemoAdvertisesItsHighPortsAndNothingItDoesNotRun() throws Exception {
        Element provider = provider(ThunderbirdConfig.document("example.org", Fixtures.DEMO));
        assertEquals(List.of("pop3 mail.example.org 2995 SSL %EMAILADDRESS% password-cleartext"),
                children(provider, "incomingServer").stream().map(ThunderbirdConfigTest::server).toList());
        assertEquals(List.of("smtp mail.example.org 2587 STARTTLS %EMAILADDRESS% password-cleartext"),
                children(provider, "outgoingServer").stream().map(ThunderbirdConfigTest::server).toList());
    }
}
