package org.godshell.toaster.site.git;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The running server spoken to with raw sockets, so that requests reach it byte for byte as a hostile client
 * would send them: path traversal in every encoding, headers, conditional requests, HEAD, gzip, 404, methods.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServedSiteTest {

    WikiFixture wiki;
    int port;

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        wiki = new WikiFixture(tmp);
        port = Integer.parseInt(wiki.url.substring(wiki.url.lastIndexOf(':') + 1));
        // a symlink planted inside the published build must not be followed
        Path build = wiki.site.resolveSibling(Files.readSymbolicLink(wiki.site));
        Files.createSymbolicLink(build.resolve("planted.html"), Path.of("/etc/passwd"));
    }

    @AfterAll
    void stop() throws Exception {
        wiki.close();
    }

    record Answer(int status, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    Answer raw(String requestHead) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(requestHead.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            byte[] all = requestHead.startsWith("HEAD ") ? headAndAnyBody(socket)
                    : socket.getInputStream().readAllBytes();
            int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1)
                        .strip());
            }
            return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers,
                    Arrays.copyOfRange(all, end + 4, all.length));
        }
    }

    /**
     * A HEAD response ends with its header (RFC 9110 §9.3.2), and the server need not close the connection at
     * once: read the header, then whatever else comes until the close or a quiet while, so that a body sent by
     * mistake is still seen without the test hanging on a slow close.
     */
    private static byte[] headAndAnyBody(Socket socket) throws IOException {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        all.write(header(socket.getInputStream()));
        socket.setSoTimeout(5_000);
        try {
            socket.getInputStream().transferTo(all);
        } catch (java.net.SocketTimeoutException e) {
            // Nothing more came: no body.
        }
        return all.toByteArray();
    }

    /** The bytes up to and with the blank line that ends a response's header. */
    private static byte[] header(java.io.InputStream in) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            out.write(b);
            state = b == (state % 2 == 0 ? '\r' : '\n') ? state + 1 : b == '\r' ? 1 : 0;
        }
        return out.toByteArray();
    }

    Answer get(String target, String... extraHeaders) throws IOException {
        return request("GET", target, extraHeaders);
    }

    Answer request(String method, String target, String... extraHeaders) throws IOException {
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n");
        for (String header : extraHeaders) {
            head.append(header).append("\r\n");
        }
        return raw(head.append("\r\n").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "/%252e%252e/%252e%252e/etc/passwd", "/..%2f..%2fetc%2fpasswd",
        "/..\\..\\..\\etc\\passwd", "/%5c..%5c..%5cetc%5cpasswd", "/index.html%00.png", "/%00",
        "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd", "/%e0%80%ae%e0%80%ae/etc/passwd", "/%c0%af%c0%afetc/passwd",
        "/_assets/../../wiki.git/config", "/.%2e/.%2e/etc/passwd", "//etc/passwd", "/./index.html",
        "/.well-known/../../etc/passwd", "/planted.html", "/%2e%2e;/etc/passwd", "/wiki.git/config",
        "/wiki.git/../wiki.git/config", "/wiki.git/HEAD", "/wiki.git/objects/info/packs", "/%u002e%u002e/etc/passwd",
        "/..%c0%af..%c0%afetc/passwd", "/..%255c..%255cetc/passwd"})
    void traversalNeverLeavesTheSite(String target) throws IOException {
        Answer answer = get(target);
        assertTrue(answer.status() == 400 || answer.status() == 404 || answer.status() == 403,
                target + " gave " + answer.status());
        assertFalse(answer.text().contains("root:"), target);
        assertFalse(answer.text().contains("[core]"), target);
        assertFalse(answer.text().contains("refs/heads"), target);
        assertEquals(null, answer.header("Location"), target);
    }

    @Test
    void pagesCarryTypesValidatorsAndSecurityHeaders() throws IOException {
        Answer page = get("/");
        assertEquals(200, page.status());
        assertEquals("text/html; charset=utf-8", page.header("Content-Type"));
        String csp = page.header("Content-Security-Policy");
        assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline")
                && csp.contains("frame-ancestors 'none'"), csp);
        assertEquals("nosniff", page.header("X-Content-Type-Options"));
        assertEquals("no-referrer", page.header("Referrer-Policy"));
        assertEquals("DENY", page.header("X-Frame-Options"));
        assertTrue(page.header("ETag").startsWith("\""));
        assertTrue(page.header("Last-Modified").endsWith("GMT"));
        assertEquals(null, page.header("Server"));
        assertTrue(page.text().contains("Welcome."));
        assertEquals("text/css; charset=utf-8", get("/_assets/wiki.css").header("Content-Type"));
        assertEquals("text/javascript; charset=utf-8", get("/_assets/wiki.js").header("Content-Type"));
        assertEquals("nosniff", get("/no-such-page").header("X-Content-Type-Options"));
    }

    @Test
    void conditionalRequestsGet304() throws IOException {
        Answer page = get("/Other-Page.html");
        Answer byTag = get("/Other-Page.html", "If-None-Match: " + page.header("ETag"));
        assertEquals(304, byTag.status());
        assertEquals(0, byTag.body().length);
        assertEquals(page.header("ETag"), byTag.header("ETag"));
        assertEquals(304, get("/Other-Page.html", "If-None-Match: \"other\", W/" + page.header("ETag")).status());
        assertEquals(304, get("/Other-Page.html", "If-Modified-Since: " + page.header("Last-Modified")).status());
        assertEquals(200, get("/Other-Page.html", "If-None-Match: \"other\"").status());
        assertEquals(200, get("/Other-Page.html", "If-Modified-Since: Thu, 01 Jan 1970 00:00:00 GMT").status());
        assertEquals(200, get("/Other-Page.html", "If-Modified-Since: not a date").status());
        // If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2)
        assertEquals(200, get("/Other-Page.html", "If-None-Match: \"other\"",
                "If-Modified-Since: " + page.header("Last-Modified")).status());
    }

    @Test
    void headHasTheHeadersAndNoBody() throws IOException {
        Answer full = get("/Other-Page.html");
        Answer head = request("HEAD", "/Other-Page.html");
        assertEquals(200, head.status());
        assertEquals(0, head.body().length);
        assertEquals(full.header("Content-Length"), head.header("Content-Length"));
        assertEquals(full.header("ETag"), head.header("ETag"));
    }

    @Test
    void gzipWhenAsked() throws IOException {
        Answer plain = get("/_assets/wiki.css");
        Answer zipped = get("/_assets/wiki.css", "Accept-Encoding: br, gzip;q=0.8");
        assertEquals("gzip", zipped.header("Content-Encoding"));
        assertEquals("Accept-Encoding", zipped.header("Vary"));
        assertFalse(plain.header("ETag").equals(zipped.header("ETag")));
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
            assertArrayEquals(plain.body(), in.readAllBytes());
        }
        assertEquals(null, get("/_assets/wiki.css", "Accept-Encoding: gzip;q=0").header("Content-Encoding"));
    }

    @Test
    void missingPagesGetTheSites404AndFoldersNoListing() throws IOException {
        Answer missing = get("/No-Such-Page.html");
        assertEquals(404, missing.status());
        assertTrue(missing.text().contains("<html"), missing.text());
        Answer folder = get("/_assets/");
        assertEquals(404, folder.status());
        assertEquals(missing.text(), folder.text(), "a folder without index.html is the 404 page, not a listing");
        Answer noSlash = get("/_assets");
        assertEquals(301, noSlash.status());
        assertEquals("/_assets/", noSlash.header("Location"));
    }

    @Test
    void onlyGetAndHead() throws IOException {
        Answer post = request("POST", "/", "Content-Length: 0");
        assertEquals(405, post.status());
        assertEquals("GET, HEAD", post.header("Allow"));
        assertEquals(405, request("DELETE", "/Other-Page.html").status());
    }

    @Test
    void hugeHeadersAreRefused() throws IOException {
        assertEquals(431, get("/", "X-Big: " + "a".repeat(40_000)).status());
    }

    private static int indexOf(byte[] all, byte[] what) {
        for (int i = 0; i + what.length <= all.length; i++) {
            if (Arrays.equals(all, i, i + what.length, what, 0, what.length)) {
                return i;
            }
        }
        throw new AssertionError("no end of headers in: " + new String(all, StandardCharsets.ISO_8859_1));
    }
}
