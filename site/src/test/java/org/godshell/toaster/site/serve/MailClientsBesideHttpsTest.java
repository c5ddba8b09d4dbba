package org.godshell.toaster.site.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.site.mailclients.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With HTTPS on, what plain HTTP gets: Thunderbird's autoconfig as it is (its plain request names the domain by
 * its Host), Autodiscover a 302 (GET) or 308 (POST) to HTTPS at the configured host, the profile and the pages
 * the site's 308. Over HTTPS everything is served, with HSTS.
 */
class MailClientsBesideHttpsTest {

    @TempDir
    Path dir;

    private WikiServer server;
    private HttpClient tlsClient;
    private int http;
    private int https;

    @BeforeEach
    void start() throws Exception {
        TestTls tls = TestTls.create(dir);
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(site.resolve("Page.html"), "<!DOCTYPE html><title>Page</title><p>a page</p>\n");
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        server = new WikiServer(new WikiServer.Settings(site, List.of(any), List.of(any), Optional.of(tls.wikiTls()),
                "wiki.test"), Optional.empty(), Optional.of(new FixedDomains(Fixtures.SYSTEM, "example.org")),
                line -> { });
        server.start();
        http = server.httpAddresses().getFirst().getPort();
        https = server.httpsAddresses().getFirst().getPort();
        tlsClient = HttpClient.newBuilder().sslContext(tls.client()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @AfterEach
    void stop() throws Exception {
        tlsClient.close();
        server.stop();
    }

    @Test
    void plainHttpGetsAutoconfigAsItIsAndARedirectForTheRest() throws Exception {
        RawHttp.Answer autoconfig = RawHttp.get(http, "/mail/config-v1.1.xml", "autoconfig.example.org");
        assertEquals(200, autoconfig.status(), autoconfig.text());
        assertTrue(autoconfig.text().contains("<emailProvider id=\"example.org\">"), autoconfig.text());

        RawHttp.Answer get = RawHttp.get(http, "/Autodiscover/Autodiscover.xml", "autodiscover.example.org");
        assertEquals(302, get.status());
        assertEquals("https://wiki.test:" + https + "/autodiscover/autodiscover.xml", get.header("Location"));
        RawHttp.Answer post = RawHttp.post(http, "/autodiscover/autodiscover.xml", "autodiscover.example.org",
                AutodiscoverRouteTest.request("ann@example.org"));
        assertEquals(308, post.status());
        assertEquals("https://wiki.test:" + https + "/autodiscover/autodiscover.xml", post.header("Location"));

        RawHttp.Answer profile = RawHttp.get(http, "/apple/mail.mobileconfig?emailaddress=ann%40example.org",
                "evil.example");
        assertEquals(308, profile.status());
        assertEquals("https://wiki.test:" + https + "/apple/mail.mobileconfig?emailaddress=ann%40example.org",
                profile.header("Location"), "to the configured host, never the request's");
        assertEquals(308, RawHttp.get(http, "/Page.html", "wiki.test").status());
    }

    @Test
    void overHttpsEveryDocumentIsServedWithHsts() throws Exception {
        String base = "https://127.0.0.1:" + https;
        HttpResponse<String> discovered = tlsClient.send(HttpRequest.newBuilder(URI.create(base
                + "/autodiscover/autodiscover.xml")).POST(HttpRequest.BodyPublishers.ofByteArray(
                AutodiscoverRouteTest.request("ann@example.org"))).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, discovered.statusCode(), discovered.body());
        assertTrue(discovered.body().contains("<LoginName>ann@example.org</LoginName>"), discovered.body());
        assertEquals("max-age=31536000", discovered.headers().firstValue("Strict-Transport-Security").orElse(""));
        HttpResponse<String> profile = tlsClient.send(HttpRequest.newBuilder(URI.create(base
                + "/apple/mail.mobileconfig?emailaddress=ann%40example.org")).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, profile.statusCode());
        assertEquals("application/x-apple-aspen-config", profile.headers().firstValue("Content-Type").orElse(""));
    }
}
