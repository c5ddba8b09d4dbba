package org.godshell.toaster.smtpd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real full disk: the queue on a 256 KiB tmpfs. A message that does not fit gets 452 4.3.1 after its whole
 * body was read, leaves nothing behind, and the session goes on. Needs root to mount; skipped (with the
 * reason) where mounting is not allowed.
 */
class DiskFullTest {

    @TempDir
    Path root;
    private Path mount;

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) {
            run("umount", mount.toString());
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor(10, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    @Test
    void aMessageThatDoesNotFitGets452AndLeavesNothing() throws Exception {
        Path queue = Files.createDirectories(root.resolve("queue"));
        int mounted = run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", queue.toString());
        Assumptions.assumeTrue(mounted == 0, "cannot mount a small tmpfs here (needs root): disk-full test skipped");
        mount = queue;
        try (TestServer server = new TestServer(root, TestServer.defaults());
                Socket client = new Socket(server.address().getAddress(), server.address().getPort())) {
            client.setSoTimeout(10_000);
            OutputStream out = client.getOutputStream();
            DialogueTest.readLine(client.getInputStream());
            send(out, "HELO a\r\nMAIL FROM:<a@x.test>\r\nRCPT TO:<b@local.test>\r\nDATA\r\n");
            for (int i = 0; i < 4; i++) {
                DialogueTest.readLine(client.getInputStream());
            }
            String line = "x".repeat(998) + "\r\n";
            send(out, "Subject: too big for this disk\r\n\r\n" + line.repeat(1024) + ".\r\n");
            assertEquals("452 4.3.1 insufficient system storage (#4.3.1)", DialogueTest.readLine(client.getInputStream()));

            assertEquals(List.of(), server.queue.list());
            try (Stream<Path> temps = Files.list(queue.resolve("tmp"))) {
                assertEquals(0, temps.count(), "a half-written temp file was left");
            }
            send(out, "MAIL FROM:<a@x.test>\r\nRCPT TO:<b@local.test>\r\nDATA\r\n");
            for (int i = 0; i < 3; i++) {
                DialogueTest.readLine(client.getInputStream());
            }
            send(out, "Subject: small\r\n\r\nfits\r\n.\r\n");
            assertTrue(DialogueTest.readLine(client.getInputStream()).startsWith("250 2.0.0 ok "),
                    "the session goes on and a message that fits is taken");
            assertEquals(1, server.queue.list().size());
        }
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
