package org.godshell.toaster.filter.clamav;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The INSTREAM client against a fake clamd: the stream it sends, and every way a clamd can fail it. */
class ClamdTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void theMessageGoesInChunksOfALengthAndData() throws Exception {
        byte[] message = new byte[3 * Clamd.CHUNK + 123];
        new Random(20).nextBytes(message);
        Path file = Files.write(dir.resolve("message"), message);
        try (FakeClamd clamd = FakeClamd.unix(dir, FakeClamd.answering("stream: OK"))) {
            assertEquals(new ScanResult.Clean(), Clamd.scan(clamd.address(), file, TIMEOUT));
            FakeClamd.Stream stream = clamd.streams().get(0);
            assertEquals("zINSTREAM\0", stream.command());
            assertEquals(List.of(Clamd.CHUNK, Clamd.CHUNK, Clamd.CHUNK, 123), stream.chunks());
            assertArrayEquals(message, stream.data());
        }
    }

    @Test
    void anEmptyMessageIsTheZeroLengthAlone() throws Exception {
        Path file = Files.write(dir.resolve("message"), new byte[0]);
        try (FakeClamd clamd = FakeClamd.unix(dir, FakeClamd.answering("stream: OK"))) {
            assertEquals(new ScanResult.Clean(), Clamd.scan(clamd.address(), file, TIMEOUT));
            assertEquals(List.of(), clamd.streams().get(0).chunks());
        }
    }

    @Test
    void aSignatureFoundOverTcp() throws Exception {
        try (FakeClamd clamd = FakeClamd.tcp(FakeClamd.answering("stream: Win.Test.EICAR_HDB-1 FOUND"))) {
            assertEquals(new ScanResult.Infected("Win.Test.EICAR_HDB-1"), Clamd.scan(clamd.address(), message(),
                    TIMEOUT));
        }
    }

    @Test
    void theSizeLimitIsAVerdictEvenWhenClamdClosesWhileWeStillWrite() throws Exception {
        Path file = Files.write(dir.resolve("message"), new byte[50 * Clamd.CHUNK]);
        try (FakeClamd clamd = FakeClamd.unix(dir, (client, fake) -> {
            FakeClamd.readFully(client, 10 + 4 + Clamd.CHUNK);
            FakeClamd.say(client, "INSTREAM size limit exceeded. ERROR\0");
        })) {
            assertEquals(new ScanResult.TooLarge(), Clamd.scan(clamd.address(), file, TIMEOUT));
        }
    }

    @Test
    void garbageIsNoVerdict() throws Exception {
        try (FakeClamd clamd = FakeClamd.unix(dir, FakeClamd.answering("HTTP/1.1 400 Bad Request"))) {
            ClamdException e = assertThrows(ClamdException.class, () -> Clamd.scan(clamd.address(), message(),
                    TIMEOUT));
            assertTrue(e.getMessage().contains("none of INSTREAM's"), e.getMessage());
        }
    }

    @Test
    void anEndlessReplyIsCutAtItsBound() throws Exception {
        try (FakeClamd clamd = FakeClamd.unix(dir, (client, fake) -> {
            fake.readStream(client);
            while (true) {
                FakeClamd.say(client, "stream: " + "A".repeat(4096));
            }
        })) {
            ClamdException e = assertThrows(ClamdException.class, () -> Clamd.scan(clamd.address(), message(),
                    TIMEOUT));
            assertTrue(e.getMessage().contains("more than " + Clamd.MAX_REPLY + " bytes"), e.getMessage());
        }
    }

    @Test
    void aClamdThatNeverAnswersIsGivenUpAtTheTimeout() throws Exception {
        try (FakeClamd clamd = FakeClamd.unix(dir, (client, fake) -> {
            fake.readStream(client);
            FakeClamd.readFully(client, 1);
        })) {
            ClamdException e = assertThrows(ClamdException.class, () -> Clamd.scan(clamd.address(), message(),
                    Duration.ofSeconds(1)));
            assertTrue(e.getMessage().contains("no verdict within 1 s"), e.getMessage());
        }
    }

    @Test
    void aClamdThatClosesMidStreamIsNoVerdict() throws Exception {
        Path file = Files.write(dir.resolve("message"), new byte[50 * Clamd.CHUNK]);
        try (FakeClamd clamd = FakeClamd.unix(dir, (client, fake) -> FakeClamd.readFully(client, 100))) {
            ClamdException e = assertThrows(ClamdException.class, () -> Clamd.scan(clamd.address(), file, TIMEOUT));
            assertTrue(e.getMessage().contains("closed the connection"), e.getMessage());
        }
    }

    @Test
    void aClosedConnectionBeforeTheTerminatorIsNoVerdict() throws Exception {
        try (FakeClamd clamd = FakeClamd.unix(dir, (client, fake) -> {
            fake.readStream(client);
            FakeClamd.say(client, "stream: OK");
        })) {
            ClamdException e = assertThrows(ClamdException.class, () -> Clamd.scan(clamd.address(), message(),
                    TIMEOUT));
            assertTrue(e.getMessage().contains("in the middle of its reply"), e.getMessage());
        }
    }

    @Test
    void noClamdIsNoVerdict() throws Exception {
        UnixDomainSocketAddress nobody = UnixDomainSocketAddress.of(dir.resolve("nobody.sock"));
        ClamdException e = assertThrows(ClamdException.class, () -> Clamd.scan(nobody, message(), TIMEOUT));
        assertTrue(e.getMessage().startsWith("clamd at " + nobody.getPath() + ": "), e.getMessage());
    }

    @Test
    void aMessageThatCannotBeReadIsNoVerdict() throws Exception {
        try (FakeClamd clamd = FakeClamd.unix(dir, FakeClamd.answering("stream: OK"))) {
            ClamdException e = assertThrows(ClamdException.class, () -> Clamd.scan(clamd.address(),
                    dir.resolve("gone"), TIMEOUT));
            assertTrue(e.getMessage().startsWith("cannot read the message "), e.getMessage());
            Path link = Files.createSymbolicLink(dir.resolve("link"), message());
            ClamdException followed = assertThrows(ClamdException.class, () -> Clamd.scan(clamd.address(), link,
                    TIMEOUT), "a symbolic link is not followed");
            assertTrue(followed.getMessage().startsWith("cannot read the message "), followed.getMessage());
        }
    }

    private Path message() throws Exception {
        return Files.writeString(dir.resolve("message.eml"), "Subject: hello\r\n\r\nhello\r\n");
    }
}
