package org.godshell.toaster.site.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/**
 * Thunderbird's autoconfig and the Apple profile served by the real wiki server on a loopback port, for the
 * toaster's two domains example.org and example.net, and refused or not found for everything else.
 * (Autodiscover: {@link AutodiscoverRouteTest}; plain HTTP beside HTTPS: {@link MailClientsBesideHttpsTest}.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MailClientRoutesTest {

    static final String AUTOCONFIG = "/mail/config-v1.1.xml";
    static final String WELL_KNOWN = "/.well-known/autoconfig/mail/config-v1.1.xml";

    FixedDomains domains = new FixedDomains(Fixtures.SYSTEM, "example.org", "example.net");
    WikiServer server;
    int port;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(site.resolve("index.html"), "<!DOCTYPE html><title>Home</title><p>home page</p>\n");
        server = new WikiServer(new WikiServer.Settings(site, List.of(new InetSocketAddress(
                InetAddress.getLoopbackAddress(), 0)), List.of(), Optional.empty(), "mail.example.org"),
                Optional.empty(), Optional.of(domains), line -> { });
        server.start();
        port = server.httpAddresses().getFirst().getPort();
    }

    @AfterAll
    void stop() throws Exception {
        server.stop();
    }

    private static Element provider(RawHttp.Answer answer) throws Exception {
        assertEquals(200, answer.status(), answer.text());
        assertEquals("application/xml; charset=utf-8", answer.header("Content-Type"));
        return ClientReader.children(ClientReader.parse(answer.text()).getDocumentElement(), "emailProvider")
                .getFirst();
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.org", "example.net"})
    void thunderbirdGetsItsDomainsSettingsByAddressOrByHost(String domain) throws Exception {
        Element byAddress = provider(RawHttp.get(port, AUTOCONFIG + "?emailaddress=ann%40" + domain,
                "autoconfig." + domain));
        assertEquals(domain, byAddress.getAttribute("id"));
        assertEquals("mail.example.org", ClientReader.text(ClientReader.children(byAddress, "incomingServer")
                .getFirst(), "hostname"));
        assertEquals(domain, provider(RawHttp.get(port, AUTOCONFIG, "autoconfig." + domain + ":80"))
                .getAttribute("id"));
        assertEquals(domain, provider(RawHttp.get(port, WELL_KNOWN + "?emailaddress=ann@" + domain, domain))
                .getAttribute("id"));
        assertEquals(domain, provider(RawHttp.get(port, WELL_KNOWN, domain.toUpperCase(java.util.Locale.ROOT)))
                .getAttribute("id"));
    }

    @Test
    void theAddressWinsOverTheHost() throws Exception {
        assertEquals("example.net", provider(RawHttp.get(port, AUTOCONFIG + "?emailaddress=ann%40example.net",
                "autoconfig.example.org")).getAttribute("id"));
    }

    @Test
    void theDocumentIsTheSameForEveryUserOfADomain() throws Exception {
        RawHttp.Answer ann = RawHttp.get(port, AUTOCONFIG + "?emailaddress=ann%40example.org",
                "autoconfig.example.org");
        RawHttp.Answer nobody = RawHttp.get(port, AUTOCONFIG + "?emailaddress=no.such.user%40example.org",
                "autoconfig.example.org");
        assertEquals(200, nobody.status());
        assertArrayEquals(ann.body(), nobody.body());
        String annProfile = RawHttp.get(port, "/apple/mail.mobileconfig?emailaddress=ann%40example.org", "x").text();
        String otherProfile = RawHttp.get(port, "/apple/mail.mobileconfig?emailaddress=zed%40example.org", "x")
                .text();
        assertEquals(annProfile.replaceAll("[0-9A-F]{8}-[0-9A-F-]{27}", "UUID").replace("ann@", "U@"),
                otherProfile.replaceAll("[0-9A-F]{8}-[0-9A-F-]{27}", "UUID").replace("zed@", "U@"));
    }

    @Test
    void aDomainAddedWhileTheServerRunsIsServedAtOnce() throws Exception {
        assertEquals(404, RawHttp.get(port, AUTOCONFIG, "autoconfig.added.example").status());
        domains.domains.add("added.example");
        try {
            assertEquals("added.example", provider(RawHttp.get(port, AUTOCONFIG, "autoconfig.added.example"))
                    .getAttribute("id"));
        } finally {
            domains.domains.remove("added.example");
        }
    }

    /** Not ours, not a domain, no autoconfig name: one answer, which tells nothing about which it was. */
    @Test
    void anythingButTheToastersDomainsIsOneAndTheSame404() throws Exception {
        List<RawHttp.Answer> answers = List.of(
                RawHttp.get(port, AUTOCONFIG + "?emailaddress=ann%40evil.example", "autoconfig.example.org"),
                RawHttp.get(port, AUTOCONFIG, "autoconfig.evil.example"),
                RawHttp.get(port, AUTOCONFIG, "example.org"),
                RawHttp.get(port, AUTOCONFIG, "127.0.0.1"),
                RawHttp.get(port, WELL_KNOWN, "mail.evil.example"),
                RawHttp.get(port, WELL_KNOWN, "autoconfig.example.org"),
                RawHttp.get(port, "/apple/mail.mobileconfig?emailaddress=ann%40evil.example", "x"));
        for (RawHttp.Answer answer : answers) {
            assertEquals(404, answer.status(), answer.text());
            assertEquals("404 no such page\n", answer.text());
            assertEquals("text/plain; charset=utf-8", answer.header("Content-Type"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"?emailaddress=", "?emailaddress=ann", "?emailaddress=ann%40",
        "?emailaddress=%40example.org",
        "?emailaddress=ann%40example.org&emailaddress=bob%40example.net", "?emailaddress=ann%4", "?emailaddress=%C0%AE",
        "?emailaddress=ann%40example.org%0D%0ASet-Cookie:%20stolen=1", "?emailaddress=a%22%3E%3Cx%3E%40example.org",
        "?emailaddress=ann%40example.org%00"})
    void aMalformedAddressIsRefusedAndNothingOfItComesBack(String query) throws Exception {
        for (String path : List.of(AUTOCONFIG, "/apple/mail.mobileconfig")) {
            RawHttp.Answer answer = RawHttp.get(port, path + query, "autoconfig.example.org");
            assertEquals(400, answer.status(), path + query + ": " + answer.text());
            assertNull(answer.header("Set-Cookie"));
            assertNull(answer.header("Content-Disposition"));
            assertFalse(answer.text().contains("stolen") || answer.text().contains("<x>"), answer.text());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"autoconfig.exa\"mple.org", "autoconfig.example.org\tX-Injected: 1", "autoconfig.",
        "autoconfig..example.org", "autoconfig.example.org.", "autoconfig.<x>.org", "[::1]", "autoconfig.%65xample.org"})
    void aHostileHostGetsNoDocumentAndIsNotEchoed(String host) throws Exception {
        RawHttp.Answer answer = RawHttp.get(port, AUTOCONFIG, host);
        assertTrue(answer.status() == 400 || answer.status() == 404, host + ": " + answer.status());
        assertFalse(answer.text().contains("<x>") || answer.text().contains("Injected") || answer.text()
                .contains("clientConfig"), answer.text());
        assertNull(answer.header("X-Injected"));
    }

    @Test
    void anOversizedAddressOrQueryIsRefused() throws Exception {
        assertEquals(400, RawHttp.get(port, AUTOCONFIG + "?emailaddress=" + "a".repeat(300) + "%40example.org",
                "autoconfig.example.org").status());
        assertEquals(400, RawHttp.get(port, AUTOCONFIG + "?emailaddress=ann%40example.org&pad=" + "a".repeat(3000),
                "autoconfig.example.org").status());
        RawHttp.Answer huge = RawHttp.get(port, AUTOCONFIG + "?emailaddress=" + "a".repeat(40_000), "x");
        assertTrue(huge.status() == 414 || huge.status() == 431 || huge.status() == 400, "" + huge.status());
    }

    @Test
    void theAppleProfileIsADownloadOfAPlist() throws Exception {
        RawHttp.Answer answer = RawHttp.get(port, "/apple/mail.mobileconfig?emailaddress=ann%40example.net",
                "mail.example.org");
        assertEquals(200, answer.status(), answer.text());
        assertEquals("application/x-apple-aspen-config", answer.header("Content-Type"));
        assertEquals("attachment; filename=\"example.net.mobileconfig\"", answer.header("Content-Disposition"));
        assertEquals("no-store", answer.header("Cache-Control"));
        assertEquals("nosniff", answer.header("X-Content-Type-Options"));
        var profile = ClientReader.dict(ClientReader.children(ClientReader.parse(answer.text()).getDocumentElement(),
                "dict").getFirst());
        assertEquals("example.net", profile.get("PayloadOrganization"));
        assertEquals(400, RawHttp.get(port, "/apple/mail.mobileconfig", "mail.example.org").status(),
                "the profile needs the address");
    }

    @Test
    void onlyGetAndHeadAndTheDomainsMustBeReadable() throws Exception {
        RawHttp.Answer post = RawHttp.post(port, AUTOCONFIG, "autoconfig.example.org", "x".getBytes(
                StandardCharsets.US_ASCII));
        assertEquals(405, post.status());
        assertEquals("GET, HEAD", post.header("Allow"));
        RawHttp.Answer head = RawHttp.send(port, "HEAD " + AUTOCONFIG + " HTTP/1.1\r\nHost: autoconfig.example.org\r\n"
                + "Connection: close\r\n\r\n", new byte[0]);
        assertEquals(200, head.status());
        assertEquals(0, head.body().length);
        domains.unreadable = true;
        try {
            assertEquals(503, RawHttp.get(port, AUTOCONFIG, "autoconfig.example.org").status());
        } finally {
            domains.unreadable = false;
        }
    }

    @Test
    void theSiteIsStillServedBesideThem() throws Exception {
        RawHttp.Answer home = RawHttp.get(port, "/", "mail.example.org");
        assertEquals(200, home.status());
        assertTrue(home.text().contains("home page"));
        assertEquals(404, RawHttp.get(port, "/mail/other.xml", "autoconfig.example.org").status());
    }
}
