package org.godshell.toaster.site.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.site.mailclients.ClientReader;
import org.godshell.toaster.site.mailclients.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;

/** Outlook's Autodiscover POST served by the real wiki server on a loopback port, and what a hostile client POSTs. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AutodiscoverRouteTest {

    static final String PATH = "/autodiscover/autodiscover.xml";
    static final String REQUEST_NAMESPACE =
            "http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006";

    WikiServer server;
    int port;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        Path site = Files.createDirectories(dir.resolve("site"));
        server = new WikiServer(new WikiServer.Settings(site, List.of(new InetSocketAddress(
                InetAddress.getLoopbackAddress(), 0)), List.of(), Optional.empty(), "mail.example.org"),
                Optional.empty(), Optional.of(new FixedDomains(Fixtures.SYSTEM, "example.org", "example.net")),
                line -> { });
        server.start();
        port = server.httpAddresses().getFirst().getPort();
    }

    @AfterAll
    void stop() throws Exception {
        server.stop();
    }

    static byte[] request(String address) {
        return ("<?xml version=\"1.0\" encoding=\"utf-8\"?><Autodiscover xmlns=\"" + REQUEST_NAMESPACE + "\"><Request>"
                + "<EMailAddress>" + address + "</EMailAddress><AcceptableResponseSchema>http://schemas.microsoft.com/"
                + "exchange/autodiscover/outlook/responseschema/2006a</AcceptableResponseSchema></Request>"
                + "</Autodiscover>").getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ann@example.org", "bob@example.net"})
    void outlookGetsTheSettingsOfItsAddress(String address) throws Exception {
        for (String path : List.of(PATH, "/Autodiscover/Autodiscover.xml")) {
            RawHttp.Answer answer = RawHttp.post(port, path, "autodiscover.example.org", request(address));
            assertEquals(200, answer.status(), answer.text());
            assertEquals("text/xml; charset=utf-8", answer.header("Content-Type"));
            Element account = ClientReader.children(ClientReader.children(ClientReader.parse(answer.text())
                    .getDocumentElement(), "Response").getFirst(), "Account").getFirst();
            Element imap = ClientReader.children(account, "Protocol").getFirst();
            assertEquals("IMAP", ClientReader.text(imap, "Type"));
            assertEquals("mail.example.org", ClientReader.text(imap, "Server"));
            assertEquals(address, ClientReader.text(imap, "LoginName"));
        }
    }

    @Test
    void aDomainThatIsNotOursAndAnotherSchemaAreNotFound() throws Exception {
        assertEquals(404, RawHttp.post(port, PATH, "x", request("ann@evil.example")).status());
        byte[] mobile = new String(request("ann@example.org"), StandardCharsets.UTF_8).replace("outlook/responseschema",
                "mobilesync/responseschema").getBytes(StandardCharsets.UTF_8);
        assertEquals(404, RawHttp.post(port, PATH, "x", mobile).status());
    }

    @Test
    void aGetGetsExchangesInvalidRequestError() throws Exception {
        RawHttp.Answer answer = RawHttp.get(port, PATH, "autodiscover.example.org");
        assertEquals(200, answer.status());
        assertEquals("600", ClientReader.text(ClientReader.children(ClientReader.children(ClientReader.parse(
                answer.text()).getDocumentElement(), "Response").getFirst(), "Error").getFirst(), "ErrorCode"));
        RawHttp.Answer put = RawHttp.send(port, "PUT " + PATH + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n"
                + "Connection: close\r\n\r\n", new byte[0]);
        assertEquals(405, put.status());
        assertEquals("GET, HEAD, POST", put.header("Allow"));
    }

    @Test
    void xmlBombsAndExternalEntitiesAreBadRequests() throws Exception {
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;"
                + "&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
                + new String(request("&c;@example.org"), StandardCharsets.UTF_8).substring(38);
        String entity = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + new String(request("&x;"), StandardCharsets.UTF_8).substring(38);
        for (String body : List.of(bomb, entity, "not xml", "")) {
            RawHttp.Answer answer = RawHttp.post(port, PATH, "x", body.getBytes(StandardCharsets.UTF_8));
            assertEquals(400, answer.status(), body);
            assertEquals("400 not an Autodiscover request\n", answer.text());
            assertFalse(answer.text().contains("root:"));
        }
    }

    @Test
    void anOversizedBodyIsRefusedWhetherItsLengthIsDeclaredOrNot() throws Exception {
        byte[] big = new byte[20_000];
        java.util.Arrays.fill(big, (byte) ' ');
        assertEquals(413, RawHttp.post(port, PATH, "x", big).status());
        String chunk = Integer.toHexString(big.length) + "\r\n" + new String(big, StandardCharsets.US_ASCII)
                + "\r\n0\r\n\r\n";
        RawHttp.Answer chunked = RawHttp.send(port, "POST " + PATH + " HTTP/1.1\r\nHost: x\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n", chunk.getBytes(StandardCharsets.US_ASCII));
        assertEquals(413, chunked.status());
        RawHttp.Answer lying = RawHttp.send(port, "POST " + PATH + " HTTP/1.1\r\nHost: x\r\nContent-Length: "
                + "99999999999\r\nConnection: close\r\n\r\n", new byte[0]);
        assertEquals(413, lying.status());
    }
}
