package org.godshell.toaster.pop3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's edges: autologout, graceful stop and the connection limit; none of them removes mail. */
class Pop3ServerTest {

    @TempDir
    Path temp;

    @Test
    void anIdleClientIsLoggedOutAndItsDeletionsAreForgotten() throws Exception {
        try (Pop3TestServer server = new Pop3TestServer(temp, Duration.ofSeconds(1), 40)) {
            server.user("ann", "secret");
            Path file = server.deliver("ann", "cur", "1000.A.host:2,", "Subject: a\n\nx\n");
            try (Pop3Client client = new Pop3Client(server.implicitTls())) {
                assertTrue(client.login("ann@local.test", "secret").startsWith("+OK logged in"));
                assertEquals("+OK message 1 deleted", client.send("DELE 1"));
                assertEquals("-ERR autologout: idle too long", client.line());
                assertNull(client.line());
            }
            server.awaitIdle();
            assertTrue(Files.exists(file), "RFC 1939 §3: an autologout does not enter the UPDATE state");
            assertTrue(server.log().contains("timeout"), server.log());
        }
    }

    /**
     * Issue 18 #4: a client that pipelines RETRs of a big message and never reads fills the buffers until the
     * server's write blocks; timeoutpop3d bounds that write, so the session ends and the mailbox is released.
     */
    @Test
    void aClientThatNeverReadsIsDroppedWhenAWriteTimesOut() throws Exception {
        try (Pop3TestServer server = new Pop3TestServer(temp, Duration.ofSeconds(1), 40)) {
            server.user("ann", "secret");
            Path file = server.deliver("ann", "cur", "1000.A.host:2,",
                    "Subject: big\n\n" + ("x".repeat(99) + "\n").repeat(10_000));
            Socket plain = new Socket();
            plain.setReceiveBufferSize(4096);
            plain.connect(server.implicitTls());
            plain.setSoTimeout(5000);
            try (Socket deaf = Pop3TestServer.handshake(plain)) {
                OutputStream out = deaf.getOutputStream();
                assertTrue(Pop3DialogueTest.readLine(deaf.getInputStream()).startsWith("+OK"));
                out.write("USER ann@local.test\r\n".getBytes(StandardCharsets.US_ASCII));
                assertTrue(Pop3DialogueTest.readLine(deaf.getInputStream()).startsWith("+OK"));
                out.write("PASS secret\r\n".getBytes(StandardCharsets.US_ASCII));
                assertTrue(Pop3DialogueTest.readLine(deaf.getInputStream()).startsWith("+OK logged in"));
                out.write("RETR 1\r\n".repeat(200).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (!server.log().contains("write timed out") || server.server.openSessions() > 0) {
                    assertTrue(System.nanoTime() < deadline, server.log());
                    Thread.sleep(50);
                }
            }
            assertTrue(Files.exists(file));
        }
    }

    @Test
    void stopTellsIdleSessionsAndKeepsTheirMail() throws Exception {
        Pop3TestServer server = new Pop3TestServer(temp);
        server.user("ann", "secret");
        Path file = server.deliver("ann", "cur", "1000.A.host:2,", "Subject: a\n\nx\n");
        try (Pop3Client client = new Pop3Client(server.implicitTls());
                Socket plain = new Socket(server.plain().getAddress(), server.plain().getPort())) {
            plain.setSoTimeout(5000);
            assertEquals("+OK pop.test POP3 server ready", Pop3DialogueTest.readLine(plain.getInputStream()));
            assertTrue(client.login("ann@local.test", "secret").startsWith("+OK logged in"));
            assertEquals("+OK message 1 deleted", client.send("DELE 1"));
            server.close();
            assertEquals("-ERR [SYS/TEMP] server shutting down, try again later",
                    Pop3DialogueTest.readLine(plain.getInputStream()));
            // Inside TLS the cut input reads as a broken TLS stream: the session ends without a word, and
            // without touching the mailbox either way.
            String line = client.line();
            assertTrue(line == null || line.equals("-ERR [SYS/TEMP] server shutting down, try again later"), line);
        }
        assertTrue(Files.exists(file));
        assertEquals(0, server.server.openSessions());
    }

    @Test
    void aConnectionOverTheLimitIsRefusedWithSysTemp() throws Exception {
        // The second connection is opened only once the first has its greeting: which of two simultaneous
        // connections gets the one slot is the scheduler's choice, not something to assert.
        try (Pop3TestServer server = new Pop3TestServer(temp, Duration.ofSeconds(30), 1);
                Socket first = new Socket(server.plain().getAddress(), server.plain().getPort())) {
            first.setSoTimeout(5000);
            assertEquals("+OK pop.test POP3 server ready", Pop3DialogueTest.readLine(first.getInputStream()));
            try (Socket second = new Socket(server.plain().getAddress(), server.plain().getPort())) {
                second.setSoTimeout(5000);
                assertEquals("-ERR [SYS/TEMP] too many connections, try again later",
                        Pop3DialogueTest.readLine(second.getInputStream()));
                assertNull(Pop3DialogueTest.readLine(second.getInputStream()));
            }
        }
    }
}
