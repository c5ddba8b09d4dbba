package org.godshell.toaster.spp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Writer;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code builtin:clamav} against the real clamd ({@link RealClamd}: Debian's clamav-daemon, which CI installs,
 * with a database of the EICAR signature alone and small limits): what a virus, clean mail, a message over
 * StreamMaxLength, a zip bomb and a stopped clamd give.
 */
class ClamavTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path shared;
    private static RealClamd clamd;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        RealClamd.require();
        clamd = RealClamd.start(shared);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (clamd != null) {
            clamd.close();
        }
    }

    @Test
    void eicarInABase64AttachmentIsRefusedWithItsName() throws Exception {
        Path message = mime("application/octet-stream", "eicar.com", RealClamd.EICAR.getBytes(StandardCharsets.US_ASCII));
        PluginRun run = scan("", clamd.socket, message);
        assertEquals(1, run.lines().size(), run.toString());
        assertTrue(run.lines().get(0).startsWith("E554 5.7.1 message refused: virus found: " + RealClamd.SIGNATURE),
                run.lines().get(0));
    }

    @Test
    void cleanMailOverTcpGetsTheHeader() throws Exception {
        Path message = mime("text/plain", "notes.txt", "Nothing to see here.\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(List.of("HX-Virus-Scanned: clamav"), scan("", clamd.tcp, message).lines());
    }

    @Test
    void aMessageOverStreamMaxLengthFailsClosedUnlessTheLineAcceptsIt() throws Exception {
        Path message = dir.resolve("large.eml");
        try (Writer out = Files.newBufferedWriter(message, StandardCharsets.US_ASCII)) {
            out.write("Subject: large\r\n\r\n");
            for (int i = 0; i < 2 * RealClamd.STREAM_MAX_LENGTH / 64; i++) {
                out.write("%062d\r\n".formatted(i));
            }
        }
        PluginRun closed = scan("", clamd.socket, message);
        assertTrue(closed.failure().orElseThrow().startsWith("message larger than clamd's StreamMaxLength"),
                closed.toString());
        PluginRun open = scan("oversize=accept", clamd.tcp, message);
        assertEquals(List.of(), open.lines(), open.toString());
        assertTrue(open.failure().isEmpty(), open.toString());
    }

    /**
     * 40 MiB of zeros in a zip of some 40 KiB: clamd extracts no more than MaxFileSize of each file and
     * MaxScanSize in all, and with AlertExceedsMax names the limit it reached, so the message is refused.
     */
    @Test
    void aZipBombMeetsClamdsLimits() throws Exception {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            byte[] zeros = new byte[1024 * 1024];
            for (int file = 0; file < 4; file++) {
                out.putNextEntry(new ZipEntry("zeros" + file + ".bin"));
                for (int mib = 0; mib < 10; mib++) {
                    out.write(zeros);
                }
                out.closeEntry();
            }
        }
        PluginRun run = scan("", clamd.socket, mime("application/zip", "bomb.zip", zip.toByteArray()));
        assertEquals(1, run.lines().size(), run.toString());
        assertTrue(run.lines().get(0).startsWith("E554 5.7.1 message refused: virus found: "
                + "Heuristics.Limits.Exceeded."), run.lines().get(0));
    }

    @Test
    void aStoppedClamdIsAFailedRun() throws Exception {
        Path message = mime("text/plain", "notes.txt", "hello\r\n".getBytes(StandardCharsets.US_ASCII));
        RealClamd own = RealClamd.start(Files.createDirectories(dir.resolve("own")));
        assertEquals(List.of("HX-Virus-Scanned: clamav"), scan("", own.socket, message).lines());
        own.close();
        PluginRun run = scan("", own.socket, message);
        assertTrue(run.failure().orElseThrow().startsWith("clamd at " + own.socket.getPath()), run.toString());
        assertTrue(scan("", own.tcp, message).failure().isPresent());
    }

    private static PluginRun scan(String arguments, SocketAddress address, Path message) throws Exception {
        BuiltinClamav plugin = BuiltinClamav.parse("smtpplugins:2", "builtin:clamav " + arguments, arguments,
                () -> address, TIMEOUT);
        return plugin.run(Section.BODY, Map.of("SMTPMESSAGEFILE", message.toString(), "SMTPMESSAGESIZE",
                Long.toString(Files.size(message))));
    }

    /** A message as [body] gets it: CRLF lines, a text part and an attachment in base64 (RFC 2045 §6.8). */
    private Path mime(String type, String name, byte[] attachment) throws IOException {
        String base64 = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(attachment);
        String text = String.join("\r\n",
                "Received: from client.test by mail.test with ESMTP",
                "From: <sender@client.test>",
                "To: <user@mail.test>",
                "Subject: " + name,
                "MIME-Version: 1.0",
                "Content-Type: multipart/mixed; boundary=\"b1\"",
                "",
                "--b1",
                "Content-Type: text/plain; charset=us-ascii",
                "",
                "See the attachment.",
                "--b1",
                "Content-Type: " + type + "; name=\"" + name + "\"",
                "Content-Transfer-Encoding: base64",
                "Content-Disposition: attachment; filename=\"" + name + "\"",
                "",
                base64,
                "--b1--",
                "");
        return Files.writeString(dir.resolve(name + ".eml"), text, StandardCharsets.US_ASCII);
    }
}
