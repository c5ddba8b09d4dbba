package org.godshell.toaster.filter.rspamd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** One HTTP/1.1 response: its framings, keep-alive, and the limits that stop a hostile server early. */
class ResponseReaderTest {

    private static ResponseReader over(String text) {
        return over(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static ResponseReader over(InputStream in) {
        return new ResponseReader(Channels.newChannel(in));
    }

    private static String body(HttpResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void contentLength() throws Exception {
        ResponseReader reader = over("HTTP/1.1 200 OK\r\nServer: rspamd/3.4\r\nContent-Length: 2\r\n\r\n{}");
        HttpResponse response = reader.read(100);
        assertEquals(200, response.status());
        assertEquals("OK", response.reason());
        assertEquals("{}", body(response));
        assertTrue(response.keepAlive());
        assertFalse(reader.leftover());
    }

    @Test
    void chunkedWithExtensionsAndTrailers() throws Exception {
        HttpResponse response = over("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3;ext=1\r\n{\"a\r\n4\r\n\":1}\r\n0\r\nX-Trailer: t\r\n\r\n").read(100);
        assertEquals("{\"a\":1}", body(response));
        assertTrue(response.keepAlive());
    }

    @Test
    void untilTheConnectionClosesAndThenNotKept() throws Exception {
        HttpResponse response = over("HTTP/1.1 200 OK\r\n\r\n{\"a\":1}").read(100);
        assertEquals("{\"a\":1}", body(response));
        assertFalse(response.keepAlive());
    }

    @Test
    void anInterimResponseIsSkipped() throws Exception {
        HttpResponse response = over("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
                .read(100);
        assertEquals(200, response.status());
    }

    @Test
    void bareLineFeedsAreTaken() throws Exception {
        assertEquals("ok", body(over("HTTP/1.0 500 oops\nContent-Length: 2\n\nok").read(100)));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
        1.1 | ''                            | true
        1.1 | 'Connection: close'           | false
        1.1 | 'Connection: Keep-Alive, Close' | false
        1.0 | ''                            | false
        1.0 | 'Connection: keep-alive'      | true
        """)
    void keepAliveFollowsTheVersionAndTheConnectionField(String version, String field, boolean kept)
            throws Exception {
        String head = "HTTP/" + version + " 200 OK\r\n" + (field.isEmpty() ? "" : field + "\r\n");
        assertEquals(kept, over(head + "Content-Length: 0\r\n\r\n").read(100).keepAlive());
    }

    @Test
    void bothFramingsAtOnceEndTheConnection() throws Exception {
        HttpResponse response = over("HTTP/1.1 200 OK\r\nContent-Length: 99\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "2\r\nok\r\n0\r\n\r\n").read(100);
        assertEquals("ok", body(response));
        assertFalse(response.keepAlive());
    }

    @Test
    void bytesAfterTheResponseAreNoticed() throws Exception {
        ResponseReader reader = over("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}HTTP/1.1 200 OK\r\n");
        reader.read(100);
        assertTrue(reader.leftover());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage\r\n\r\n", "HTTP/2 200 OK\r\n\r\n", "HTTP/1.1 2000 OK\r\n\r\n",
        "HTTP/1.1 200 OK\r\nno colon\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 1, 2\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n{}",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nokk\r\n0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n"})
    void malformedOrCutAnswersFail(String text) {
        assertThrows(RspamdFailure.class, () -> over(text).read(100));
    }

    @Test
    void anAnnouncedTenMegabyteBodyFailsBeforeItIsRead() {
        RspamdFailure e = assertThrows(RspamdFailure.class,
                () -> over("HTTP/1.1 200 OK\r\nContent-Length: 10485760\r\n\r\n").read(1 << 20));
        assertTrue(e.getMessage().contains("larger than 1048576 bytes"), e.getMessage());
    }

    @Test
    void bodiesWithoutALengthAreCutAtTheLimitToo() {
        String big = "x".repeat(5000);
        assertThrows(RspamdFailure.class, () -> over("HTTP/1.1 200 OK\r\n\r\n" + big).read(4096));
        assertThrows(RspamdFailure.class, () -> over("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "800\r\n" + big.substring(0, 2048) + "\r\n800\r\n" + big.substring(0, 2048)
                + "\r\n1\r\nx\r\n0\r\n\r\n")
                .read(4096));
    }

    @Test
    void endlessHeaderLinesFailAtTheHeadLimit() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'a';
            }
        };
        RspamdFailure e = assertThrows(RspamdFailure.class, () -> over(endless).read(100));
        assertTrue(e.getMessage().contains("longer than " + ResponseReader.MAX_HEAD), e.getMessage());
        RspamdFailure fields = assertThrows(RspamdFailure.class, () -> over("HTTP/1.1 200 OK\r\n"
                + "X-A: b\r\n".repeat(10_000) + "\r\n").read(100));
        assertTrue(fields.getMessage().contains("header is longer"), fields.getMessage());
    }

    @Test
    void aServerThatClosesAtOnceGaveNoAnswer() throws IOException {
        ResponseReader reader = over("");
        RspamdFailure e = assertThrows(RspamdFailure.class, () -> reader.read(100));
        assertEquals("the connection closed without an answer", e.getMessage());
        assertFalse(reader.started());
    }
}
