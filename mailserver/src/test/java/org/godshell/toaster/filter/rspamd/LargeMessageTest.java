package org.godshell.toaster.filter.rspamd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 50 MB message goes from its file to the socket without passing through the heap: the bytes the checking
 * thread allocates stay far below the message's size (HotSpot counts them per thread).
 */
class LargeMessageTest {

    private static final long SIZE = 50L << 20;
    /** The request head, the answer, the parsing: kilobytes; a message read into memory would be 50 MB. */
    private static final long MAX_ALLOCATED = 4L << 20;

    @TempDir
    Path temp;

    @Test
    void aFiftyMegabyteMessageIsStreamedNotLoaded() throws Exception {
        Path message = temp.resolve("message");
        try (FileChannel out = FileChannel.open(message, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer line = ByteBuffer.wrap("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde\r\n"
                    .repeat(1024).getBytes(StandardCharsets.US_ASCII));
            for (long written = 0; written < SIZE; written += line.capacity()) {
                line.rewind();
                out.write(line);
            }
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (FakeRspamd fake = FakeRspamd.onLoopback(c -> {
            c.request();
            c.answer(FakeRspamd.NO_ACTION, false);
        }); RspamdClient client = new RspamdClient()) {
            RspamdRequest request = new RspamdRequest(message, "a@example.com", List.of("b@example.org"), "192.0.2.1",
                    Optional.of("client.example"), "client.example", Optional.empty());
            long before = threads.getCurrentThreadAllocatedBytes();
            RspamdVerdict verdict = client.check(fake.address(), request, Duration.ofSeconds(120));
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertEquals(RspamdVerdict.Action.NO_ACTION, verdict.action());
            long size = Files.size(message);
            assertTrue(size >= SIZE);
            assertEquals(size, fake.requests.getFirst().bodyLength());
            assertTrue(allocated < MAX_ALLOCATED, "the check allocated " + allocated + " bytes for a " + size
                    + "-byte message");
        }
    }
}
