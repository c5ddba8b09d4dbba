package org.godshell.toaster.site.mailclients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Requests as Outlook and Thunderbird send them, and what an attacker sends instead. */
class AutodiscoverRequestTest {

    static final String REQUEST_NAMESPACE =
            "http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006";

    /** Outlook's request, as [MS-OXDSCLI] shows it. */
    static String outlook(String address) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<Autodiscover xmlns=\"" + REQUEST_NAMESPACE + "\">\r\n"
                + "  <Request>\r\n    <EMailAddress>" + address + "</EMailAddress>\r\n"
                + "    <AcceptableResponseSchema>" + AutodiscoverRequest.OUTLOOK_RESPONSE_SCHEMA
                + "</AcceptableResponseSchema>\r\n  </Request>\r\n</Autodiscover>\r\n";
    }

    private static AutodiscoverRequest.Parsed parse(String body) {
        return AutodiscoverRequest.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    private static void refused(String body) {
        assertInstanceOf(AutodiscoverRequest.Refused.class, parse(body), body);
    }

    @Test
    void outlooksRequestGivesTheAddress() {
        assertEquals(new AutodiscoverRequest.Outlook(new EmailAddress("ann", "example.org")),
                parse(outlook("ann@Example.org")));
    }

    @Test
    void prefixesCdataUtf16AndNoSchemaAreReadAsWell() {
        String prefixed = "<a:Autodiscover xmlns:a=\"" + REQUEST_NAMESPACE + "\"><a:Request><a:EMailAddress>"
                + "<![CDATA[ bob@example.net ]]></a:EMailAddress></a:Request></a:Autodiscover>";
        assertEquals(new AutodiscoverRequest.Outlook(new EmailAddress("bob", "example.net")), parse(prefixed));
        byte[] utf16 = outlook("ann@example.org").replace("utf-8", "utf-16").getBytes(StandardCharsets.UTF_16);
        assertEquals(new AutodiscoverRequest.Outlook(new EmailAddress("ann", "example.org")),
                AutodiscoverRequest.parse(utf16));
    }

    @Test
    void activeSyncsSchemaIsNotServedHere() {
        String mobile = outlook("ann@example.org").replace(AutodiscoverRequest.OUTLOOK_RESPONSE_SCHEMA,
                "http://schemas.microsoft.com/exchange/autodiscover/mobilesync/responseschema/2006");
        assertInstanceOf(AutodiscoverRequest.OtherSchema.class, parse(mobile));
    }

    @Test
    void theBillionLaughsAreRefusedBeforeOneIsExpanded() {
        StringBuilder entities = new StringBuilder("<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            entities.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";")
                    .repeat(10)).append("\">");
        }
        refused("<?xml version=\"1.0\"?><!DOCTYPE Autodiscover [" + entities + "]>"
                + outlook("&lol9;@example.org").substring(outlook("").indexOf("<Autodiscover")));
    }

    @Test
    void anExternalEntityIsNeverRead(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret");
        Files.writeString(secret, "stolen@example.org");
        String entity = "<!DOCTYPE Autodiscover [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>";
        refused(entity + outlook("&xxe;").substring(outlook("").indexOf("<Autodiscover")));
        String parameter = "<!DOCTYPE Autodiscover [<!ENTITY % p SYSTEM \"" + secret.toUri() + "\"> %p;]>";
        refused(parameter + outlook("ann@example.org").substring(outlook("").indexOf("<Autodiscover")));
    }

    @Test
    void noExternalDtdIsFetched() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
            refused("<!DOCTYPE Autodiscover SYSTEM \"http://127.0.0.1:" + port + "/x.dtd\">"
                    + outlook("ann@example.org").substring(outlook("").indexOf("<Autodiscover")));
            listener.configureBlocking(false);
            assertNull(listener.accept(), "the parser connected to the DTD's server");
        }
    }

    @Test
    void anXIncludeIsNotFollowed() {
        refused("<Autodiscover xmlns=\"" + REQUEST_NAMESPACE + "\" xmlns:xi=\"http://www.w3.org/2001/XInclude\">"
                + "<Request><EMailAddress><xi:include href=\"file:///etc/hostname\" parse=\"text\"/></EMailAddress>"
                + "</Request></Autodiscover>");
    }

    @Test
    void anOversizedBodyIsRefusedUnread() {
        String padded = outlook("ann@example.org").replace("<Request>", "<Request>" + " ".repeat(
                AutodiscoverRequest.MAX_BYTES));
        assertEquals(new AutodiscoverRequest.Refused("larger than 8192 bytes"), parse(padded));
    }

    @Test
    void deepNestingIsRefused() {
        String open = "<x>".repeat(AutodiscoverRequest.MAX_DEPTH + 1);
        String close = "</x>".repeat(AutodiscoverRequest.MAX_DEPTH + 1);
        refused(outlook("ann@example.org").replace("<Request>", "<Request>" + open + close));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "not xml", "<Autodiscover>", "<Autodiscover><Request></Autodiscover>",
        "<Other><Request><EMailAddress>ann@example.org</EMailAddress></Request></Other>",
        "<Autodiscover><EMailAddress>ann@example.org</EMailAddress></Autodiscover>",
        "<Autodiscover><Request/><Request><EMailAddress>ann@example.org</EMailAddress></Request></Autodiscover>",
        "<Autodiscover><Request><EMailAddress>a@example.org</EMailAddress><EMailAddress>b@example.org</EMailAddress>"
            + "</Request></Autodiscover>",
        "<Autodiscover><Request><EMailAddress>ann@example.org\r\nX-Injected: 1</EMailAddress></Request></Autodiscover>",
        "<Autodiscover><Request><EMailAddress>not an address</EMailAddress></Request></Autodiscover>",
        "<Autodiscover><Request><EMailAddress></EMailAddress></Request></Autodiscover>",
        "<Autodiscover><Request><EMailAddress>ann@example.org</EMailAddress></Request></Autodiscover><x/>",
        "\u0000\u0001\u0002"})
    void malformedOrIncompleteRequestsAreRefused(String body) {
        refused(body);
    }

    @Test
    void bytesThatAreNotTheirDeclaredEncodingAreRefused() {
        byte[] latin1 = outlook("ann@example.org").replace("ann", "\u00e9\u00e9").getBytes(StandardCharsets.ISO_8859_1);
        assertInstanceOf(AutodiscoverRequest.Refused.class, AutodiscoverRequest.parse(latin1));
    }
}
