package org.godshell.toaster.site.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.godshell.toaster.site.mailclients.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each request is told to the observer once, by the route that answered it and the class of its status, and
 * before the client has the end of the answer (so no waiting is needed here): the server's own routes mark
 * themselves, a route given to it marks itself with {@link RouteClass#tag}, and what no route takes is other.
 */
class RouteClassTest {

    @TempDir
    Path dir;

    private final List<String> told = new CopyOnWriteArrayList<>();
    private WikiServer server;
    private int port;

    /** Answers /_api/search with 200, throws on /_boom, and passes anything else on. */
    private static final class Search extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = request.getHttpURI().getPath();
            if (path.equals("/_boom")) {
                throw new IllegalStateException("a route that fails");
            }
            if (!path.equals("/_api/search")) {
                return false;
            }
            PlainReply.send(request, response, callback, 200, "[]");
            return true;
        }
    }

    @BeforeEach
    void start() throws Exception {
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(site.resolve("index.html"), "<!DOCTYPE html><title>Home</title>\n");
        Path challenges = Files.createDirectories(dir.resolve("acme/http-01"));
        Files.writeString(challenges.resolve("tok3n"), "tok3n.answer");
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        server = new WikiServer(new WikiServer.Settings(site, List.of(any), List.of(), Optional.empty(), "wiki.test",
                Optional.of(challenges)), Optional.of(RouteClass.SEARCH.tag(new Search())),
                Optional.of(new FixedDomains(Fixtures.SYSTEM, "example.org")), Optional.of(MtaStsRouteTest.POLICIES),
                (route, status) -> told.add(route.label() + " " + status.label()), line -> { });
        server.start();
        port = server.httpAddresses().getFirst().getPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void eachRequestIsCountedOnceByItsRouteAndStatusClass() throws Exception {
        assertEquals(200, RawHttp.get(port, "/index.html", "wiki.test").status());
        assertEquals(404, RawHttp.get(port, "/missing.html", "wiki.test").status());
        assertEquals(200, RawHttp.get(port, AcmeChallengeRoute.PREFIX + "tok3n", "wiki.test").status());
        assertEquals(200, RawHttp.get(port, MailClientRoutesTest.AUTOCONFIG, "autoconfig.example.org").status());
        // MTA-STS over plain HTTP: the route's own 404, never the site's
        assertEquals(404, RawHttp.get(port, "/.well-known/mta-sts.txt", "mta-sts.example.org").status());
        assertEquals(200, RawHttp.get(port, "/_api/search", "wiki.test").status());
        assertEquals(500, RawHttp.get(port, "/_boom", "wiki.test").status());
        assertEquals(List.of("site 2xx", "site 4xx", "acme 2xx", "mailclients 2xx", "mtasts 4xx", "search 2xx",
                "search 5xx"), told);
    }

    @Test
    void aMethodTheSiteDoesNotServeIsTheSitesRefusal() throws Exception {
        RawHttp.Answer answer = RawHttp.send(port, "DELETE /index.html HTTP/1.1\r\nHost: wiki.test\r\n"
                + "Connection: close\r\n\r\n", new byte[0]);
        assertEquals(405, answer.status(), answer.text());
        assertEquals(List.of("site 4xx"), told);
    }

    @Test
    void theRedirectToHttpsIsOther() throws Exception {
        TestTls tls = TestTls.create(Files.createDirectories(dir.resolve("tls")));
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        List<String> redirected = new CopyOnWriteArrayList<>();
        WikiServer https = new WikiServer(new WikiServer.Settings(dir.resolve("site"), List.of(any), List.of(any),
                Optional.of(tls.wikiTls()), "wiki.test"), Optional.empty(), Optional.empty(), Optional.empty(),
                (route, status) -> redirected.add(route.label() + " " + status.label()), line -> { });
        https.start();
        try {
            assertEquals(308, RawHttp.get(https.httpAddresses().getFirst().getPort(), "/index.html", "wiki.test")
                    .status());
            assertEquals(List.of("other 3xx"), redirected);
        } finally {
            https.stop();
        }
    }

    @Test
    void statusClassesAreTheFourAndNothingElse() {
        assertEquals(StatusClass.S2XX, StatusClass.of(204));
        assertEquals(StatusClass.S3XX, StatusClass.of(308));
        assertEquals(StatusClass.S4XX, StatusClass.of(431));
        assertEquals(StatusClass.S5XX, StatusClass.of(503));
        for (int odd : new int[] {0, -1, 100, 101, 199, 600, 999, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            assertEquals(StatusClass.S5XX, StatusClass.of(odd), Integer.toString(odd));
        }
    }
}
