package org.godshell.toaster.filter.rspamd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against a fake rspamd on loopback: the request it sends, connections kept and lost between
 * messages, and every kind of bad answer, each a failure that names the server. Timeouts are asserted by their
 * failure, never by how long they took.
 */
class RspamdClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final byte[] MESSAGE = ("Received: from client.example by mx.example.org\r\n"
            + "From: a@example.com\r\nTo: b@example.org\r\nSubject: lunch\r\n\r\nShall we?\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path temp;
    private final CountDownLatch testOver = new CountDownLatch(1);
    private RspamdClient client;
    private Path message;

    @BeforeEach
    void setUp() throws IOException {
        client = new RspamdClient();
        message = Files.write(temp.resolve("message"), MESSAGE);
    }

    @AfterEach
    void tearDown() {
        testOver.countDown();
        client.close();
    }

    private static RspamdRequest request(Path file) {
        return new RspamdRequest(file, "a@example.com", List.of("b@example.org", "c@example.org"), "192.0.2.1",
                Optional.of("client.example"), "client.example", Optional.empty());
    }

    private RspamdVerdict check(SocketAddress server) throws RspamdFailure {
        return client.check(server, request(message), TIMEOUT);
    }

    private RspamdFailure fails(FakeRspamd fake) throws IOException {
        RspamdFailure e = assertThrows(RspamdFailure.class, () -> check(fake.address()));
        assertTrue(e.getMessage().startsWith("rspamd at " + RspamdClient.describe(fake.address())), e.getMessage());
        return e;
    }

    @Test
    void theEnvelopeGoesInHeadersAndTheMessageAsTheBody() throws Exception {
        try (FakeRspamd fake = FakeRspamd.onLoopback(c -> {
            c.request();
            c.answer(FakeRspamd.NO_ACTION, false);
        })) {
            assertEquals(RspamdVerdict.Action.NO_ACTION, check(fake.address()).action());
            FakeRspamd.Request sent = fake.requests.getFirst();
            assertTrue(sent.head().startsWith("POST /checkv2 HTTP/1.1\r\n"), sent.head());
            for (String field : List.of("From: a@example.com", "Rcpt: b@example.org", "Rcpt: c@example.org",
                    "IP: 192.0.2.1", "Hostname: client.example", "Helo: client.example",
                    "Content-Length: " + MESSAGE.length)) {
                assertTrue(sent.head().contains("\r\n" + field + "\r\n"), field + " in " + sent.head());
            }
            assertArrayEquals(MESSAGE, sent.body());
        }
    }

    @Test
    void aKeptConnectionCarriesTheNextMessage() throws Exception {
        try (FakeRspamd fake = FakeRspamd.onLoopback(c -> {
            while (c.request() != null) {
                c.answer(FakeRspamd.NO_ACTION, true);
            }
        })) {
            check(fake.address());
            check(fake.address());
            check(fake.address());
            assertEquals(3, fake.requests.size());
            assertEquals(1, fake.connections());
        }
    }

    @Test
    void aConnectionClosedByTheServerBetweenMessagesIsReplacedAndTheNextMessageChecked() throws Exception {
        try (FakeRspamd fake = FakeRspamd.onLoopback(c -> {
            // keep-alive promised, then the connection closed after the answer: found before the next use
            c.request();
            c.answer(FakeRspamd.NO_ACTION, true);
        })) {
            check(fake.address());
            assertEquals(RspamdVerdict.Action.NO_ACTION, check(fake.address()).action());
            assertEquals(2, fake.connections());
        }
    }

    @Test
    void aKeptConnectionDroppedAsTheRequestArrivesIsRetriedOnAFreshOne() throws Exception {
        try (FakeRspamd fake = FakeRspamd.onLoopback(c -> {
            // the first connection answers once, then drops the second request unanswered (the race of
            // RFC 9112 §9.3.1: the server closes an idle connection just as the client reuses it)
            c.request();
            c.answer(FakeRspamd.NO_ACTION, true);
            if (c.number == 1) {
                c.request();
            }
        })) {
            check(fake.address());
            assertEquals(RspamdVerdict.Action.NO_ACTION, check(fake.address()).action());
            assertEquals(3, fake.requests.size(), "the dropped request was sent again");
            assertEquals(2, fake.connections());
        }
    }

    @Test
    void aFailureAfterTheAnswerBeganIsNotRetried() throws Exception {
        try (FakeRspamd fake = FakeRspamd.onLoopback(c -> {
            c.request();
            c.answer(FakeRspamd.NO_ACTION, true);
            c.request();
            c.raw("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"action\"");
        })) {
            check(fake.address());
            RspamdFailure e = fails(fake);
            assertTrue(e.getMessage().contains("closed in the middle of the answer"), e.getMessage());
            assertEquals(1, fake.connections());
        }
    }

    @Test
    void garbageInsteadOfJson() throws Exception {
        try (FakeRspamd fake = FakeRspamd.onLoopback(c -> {
            c.request();
            c.answer("<html>Service Unavailable</html>", false);
        })) {
            assertTrue(fails(fake).getMessage().contains("answered what is not JSON: not JSON at offset 0"));
        }
    }

    @Test
    void jsonThatIsNoVerdict() throws Exception {
        try (FakeRspamd fake = FakeRspamd.onLoopback(c -> {
            c.request();
            c.answer("{\"score\":1,\"required_score\":15,\"action\":\"accept\"}", false);
        })) {
            assertTrue(fails(fake).getMessage().contains("the answer's action 'accept' is not one the toaster knows"));
        }
    }

    @Test
    void anAnswerThatIsNotUtf8() throws Exception {
        try (FakeRspamd fake = FakeRspamd.onLoopback(c -> {
            c.request();
            c.raw("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n");
            c.out.write(new byte[] {'"', (byte) 0xff, '"'});
            c.out.flush();
        })) {
            assertTrue(fails(fake).getMessage().contains("not UTF-8"));
        }
    }

    @Test
    void aTenMegabyteAnswerFailsWithoutBeingKept() throws Exception {
        byte[] flood = new byte[10 << 20];
        Arrays.fill(flood, (byte) ' ');
        try (FakeRspamd fake = FakeRspamd.onLoopback(c -> {
            c.request();
            c.raw(c.number == 1 ? "HTTP/1.1 200 OK\r\nContent-Length: " + flood.length + "\r\n\r\n"
                    : "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
            c.out.write(flood);
            c.out.flush();
        })) {
            assertTrue(fails(fake).getMessage().contains("larger than " + RspamdClient.MAX_ANSWER + " bytes"));
            assertTrue(fails(fake).getMessage().contains("larger than " + RspamdClient.MAX_ANSWER + " bytes"),
                    "without a length, too");
        }
    }

    @Test
    void aServerThatNeverAnswersIsBoundedByTheTimeout() throws Exception {
        try (FakeRspamd fake = FakeRspamd.onLoopback(c -> {
            c.request();
            fakeEnd(c);
        })) {
            RspamdFailure e = assertThrows(RspamdFailure.class,
                    () -> client.check(fake.address(), request(message), Duration.ofSeconds(1)));
            assertEquals("rspamd at " + RspamdClient.describe(fake.address()) + " gave no answer within 1 s",
                    e.getMessage());
        }
    }

    @Test
    void aServerThatNeverReadsTheMessageIsBoundedByTheTimeoutToo() throws Exception {
        Path big = temp.resolve("big");
        Files.write(big, new byte[32 << 20]);
        try (FakeRspamd fake = FakeRspamd.onLoopback(this::fakeEnd)) {
            RspamdFailure e = assertThrows(RspamdFailure.class,
                    () -> client.check(fake.address(), request(big), Duration.ofSeconds(1)));
            assertTrue(e.getMessage().endsWith("gave no answer within 1 s"), e.getMessage());
        }
    }

    /** A handler that holds its connection open, silent, until the test is over. */
    private void fakeEnd(FakeRspamd.Conversation c) throws InterruptedException {
        testOver.await();
    }

    @Test
    void aServerError() throws Exception {
        try (FakeRspamd fake = FakeRspamd.onLoopback(c -> {
            c.request();
            c.raw("HTTP/1.1 500 invalid command\r\nConnection: close\r\nContent-Length: 5\r\n\r\noops!");
        })) {
            assertEquals("rspamd at " + RspamdClient.describe(fake.address()) + ": answered 500 invalid command",
                    fails(fake).getMessage());
        }
    }

    @Test
    void nobodyListening() throws Exception {
        SocketAddress closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = new InetSocketAddress(socket.getInetAddress(), socket.getLocalPort());
        }
        RspamdFailure e = assertThrows(RspamdFailure.class, () -> check(closed));
        assertTrue(e.getMessage().startsWith("rspamd at " + RspamdClient.describe(closed) + ": ConnectException"),
                e.getMessage());
    }

    @Test
    void aUnixSocket() throws Exception {
        Path socket = temp.resolve("rspamd.sock");
        try (FakeRspamd fake = FakeRspamd.onSocket(socket, c -> {
            while (c.request() != null) {
                c.answer(FakeRspamd.NO_ACTION, true);
            }
        })) {
            check(fake.address());
            assertEquals(RspamdVerdict.Action.NO_ACTION, check(fake.address()).action());
            assertEquals(1, fake.connections());
            assertTrue(fake.requests.getFirst().head().contains("\r\nHost: localhost\r\n"));
        }
        Path nobody = temp.resolve("nobody.sock");
        RspamdFailure gone = assertThrows(RspamdFailure.class, () -> check(UnixDomainSocketAddress.of(nobody)));
        assertTrue(gone.getMessage().startsWith("rspamd at " + nobody + ": "), gone.getMessage());
    }

    @Test
    void aMissingMessageFile() {
        RspamdFailure e = assertThrows(RspamdFailure.class, () -> client.check(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 1), request(temp.resolve("gone")), TIMEOUT));
        assertTrue(e.getMessage().startsWith("cannot read the message file " + temp.resolve("gone")), e.getMessage());
    }
}
