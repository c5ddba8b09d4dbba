package org.godshell.toaster.site.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.site.mailclients.Fixtures;
import org.godshell.toaster.site.stspolicy.StsPolicies;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The policy at https://mta-sts.DOMAIN/.well-known/mta-sts.txt: served for the toaster's domains over HTTPS, as
 * text/plain; every other host name, hostile ones included, gets the same 404 as an unknown one, and plain HTTP
 * a 404 of its own, never the redirect.
 */
class MtaStsRouteTest {

    static final String POLICY = "version: STSv1\r\nmode: testing\r\nmx: mail.example.org\r\nmax_age: 604800\r\n";
    private static final String PATH = "/.well-known/mta-sts.txt";

    @TempDir
    static Path dir;

    private static WikiServer server;
    private static TestTls tls;
    private static int http;
    private static int https;

    /** example.org has the policy, quiet.example is the toaster's without one, broken.example cannot be read. */
    static final StsPolicies POLICIES = domain -> switch (domain) {
        case "example.org" -> Optional.of(POLICY);
        case "broken.example" -> throw new IOException("domains/ unreadable");
        default -> Optional.empty();
    };

    /** One server for the class: making the test key with keytool takes a while. */
    @BeforeAll
    static void start() throws Exception {
        tls = TestTls.create(dir);
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(site.resolve("Page.html"), "<!DOCTYPE html><title>Page</title><p>a page</p>\n");
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        server = new WikiServer(new WikiServer.Settings(site, List.of(any), List.of(any), Optional.of(tls.wikiTls()),
                "wiki.test"), Optional.empty(), Optional.of(new FixedDomains(Fixtures.SYSTEM, "example.org")),
                Optional.of(POLICIES), line -> { });
        server.start();
        http = server.httpAddresses().getFirst().getPort();
        https = server.httpsAddresses().getFirst().getPort();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    private RawHttp.Answer overHttps(String method, String target, String host) throws IOException {
        return RawHttp.sendTls(tls.client(), https, method + " " + target + " HTTP/1.1\r\nHost: " + host
                + "\r\nConnection: close\r\n\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mta-sts.example.org", "MTA-STS.Example.ORG", "mta-sts.example.org.",
        "mta-sts.example.org:443", "mta-sts.example.org:8443"})
    void theToastersDomainGetsItsPolicyAsPlainText(String host) throws Exception {
        RawHttp.Answer answer = overHttps("GET", PATH, host);
        assertEquals(200, answer.status(), answer.text());
        assertEquals("text/plain", answer.header("Content-Type"));
        assertArrayEquals(POLICY.getBytes(StandardCharsets.US_ASCII), answer.body());
        assertEquals("max-age=31536000", answer.header("Strict-Transport-Security"), "behind the security headers");
    }

    @Test
    void headGetsTheHeadersOnly() throws Exception {
        RawHttp.Answer answer = overHttps("HEAD", PATH, "mta-sts.example.org");
        assertEquals(200, answer.status());
        assertEquals(Integer.toString(POLICY.length()), answer.header("Content-Length"));
        assertEquals(0, answer.body().length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.org", "quiet.example", "mta-sts.quiet.example", "mta-sts.other.example",
        "mta-sts.", "mta-sts.org", "www.mta-sts.example.org", "mta-sts.example.org..", "mta-sts..example.org",
        "mta-sts.-example.org", "mta-sts.xn--mller-kva.example", "mta-sts.example.org.evil.example",
        "wiki.test", "127.0.0.1", "[::1]", "mta-sts-example.org", "mta-sts.exa_mple.org"})
    void anyOtherNameGetsTheSame404AsAnUnknownOne(String host) throws Exception {
        RawHttp.Answer unknown = overHttps("GET", PATH, "mta-sts.unknown.example");
        RawHttp.Answer answer = overHttps("GET", PATH, host);
        assertEquals(404, answer.status(), answer.text());
        assertEquals(unknown.text(), answer.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mta-sts.exämple.org", "mta-sts.example.org/../x", "mta-sts.example.org@evil.example",
        "mta-sts.example.org%00", "mta-sts.example.org<script>", "mta-sts.example.org\tx", "mta-sts.example.org;x=1"})
    void aHostileHostIsNeverServedNorEchoed(String host) throws Exception {
        RawHttp.Answer answer = overHttps("GET", PATH, host);
        assertNotEquals(200, answer.status(), answer.text());
        assertTrue(answer.status() == 400 || answer.status() == 404, answer.status() + " " + answer.text());
        assertFalse(answer.text().contains("script") || answer.text().contains("evil"), answer.text());
    }

    @Test
    void aVeryLongHostIsRefused() throws Exception {
        RawHttp.Answer answer = overHttps("GET", PATH, "mta-sts." + ("a".repeat(63) + ".").repeat(200) + "org");
        assertNotEquals(200, answer.status());
        assertFalse(answer.text().contains("aaaa"), "not echoed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/.well-known/MTA-STS.txt", "/.well-known/mta-sts.txt/", "/.well-known/mta-sts",
        "/.well-known/%6Dta-sts.txt", "/mta-sts.txt", "/.well-known/mta-sts.txt.bak"})
    void otherPathsAreNotThePolicy(String path) throws Exception {
        RawHttp.Answer answer = overHttps("GET", path, "mta-sts.example.org");
        assertNotEquals(200, answer.status(), path + ": " + answer.text());
        assertFalse(answer.text().contains("STSv1"), answer.text());
    }

    @Test
    void plainHttpGetsA404ThatSaysHttpsNotTheRedirect() throws Exception {
        RawHttp.Answer answer = RawHttp.get(http, PATH, "mta-sts.example.org");
        assertEquals(404, answer.status());
        assertEquals(null, answer.header("Location"));
        assertTrue(answer.text().contains("HTTPS only"), answer.text());
        assertEquals(308, RawHttp.get(http, "/Page.html", "wiki.test").status(), "the rest is still redirected");
    }

    @Test
    void onlyGetAndHead() throws Exception {
        RawHttp.Answer answer = RawHttp.sendTls(tls.client(), https, "POST " + PATH + " HTTP/1.1\r\nHost: "
                + "mta-sts.example.org\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        assertEquals(405, answer.status());
        assertEquals("GET, HEAD", answer.header("Allow"));
    }

    @Test
    void domainsThatCannotBeReadGet503() throws Exception {
        assertEquals(503, overHttps("GET", PATH, "mta-sts.broken.example").status());
    }
}
