package org.godshell.toaster.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import org.godshell.toaster.smtp.DataResult.Outcome;
import org.junit.jupiter.api.Test;

/** A ~50 MB body goes through in small writes and is never held in memory. */
class DataReaderStreamingTest {

    private static final String HEADER = "Received: from a\r\nReceived: from b\r\nSubject: big\r\n\r\n";
    private static final String STUFFED = "..a line that starts with a dot\r\n";
    private static final String PLAIN = "a".repeat(76) + "\r\n";
    private static final int BLOCK_REPEATS = 64;
    private static final int BLOCKS = 50 * 1024 * 1024 / ((STUFFED.length() + PLAIN.length()) * BLOCK_REPEATS);
    private static final long UNSTUFFED = HEADER.length()
            + (long) BLOCKS * BLOCK_REPEATS * (STUFFED.length() - 1 + PLAIN.length());

    /** Generates the body block by block; the whole message never exists as one array. */
    private static InputStream body() {
        byte[] header = HEADER.getBytes(StandardCharsets.US_ASCII);
        byte[] block = (STUFFED + PLAIN).repeat(BLOCK_REPEATS).getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ".\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII);
        return new SequenceInputStream(new Enumeration<InputStream>() {
            private int next = -1;

            @Override
            public boolean hasMoreElements() {
                return next <= BLOCKS;
            }

            @Override
            public InputStream nextElement() {
                int n = next++;
                return new ByteArrayInputStream(n < 0 ? header : n < BLOCKS ? block : tail);
            }
        });
    }

    /** Counts what it is given and keeps nothing. */
    private static final class Counting extends OutputStream {
        long total;
        int largestWrite;

        @Override
        public void write(int b) {
            total++;
            largestWrite = Math.max(largestWrite, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            total += len;
            largestWrite = Math.max(largestWrite, len);
        }
    }

    @Test
    void fiftyMegabytesThroughTheCommandReader() throws IOException {
        assertTrue(UNSTUFFED > 45_000_000L);
        Counting out = new Counting();
        CommandReader reader = new CommandReader(body());
        DataResult result = DataReader.read(reader, out, 0);
        assertEquals(new DataResult(Outcome.OK, UNSTUFFED, 2), result);
        assertEquals(UNSTUFFED, out.total);
        assertTrue(out.largestWrite <= 8192, "largest write " + out.largestWrite);
        assertEquals(new Line("QUIT"), reader.read());
    }

    @Test
    void fiftyMegabytesThroughABufferedStream() throws IOException {
        Counting out = new Counting();
        InputStream in = new BufferedInputStream(body(), 4096);
        DataResult result = DataReader.read(in, out, 0);
        assertEquals(new DataResult(Outcome.OK, UNSTUFFED, 2), result);
        assertEquals(UNSTUFFED, out.total);
        assertEquals("QUIT\r\n", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
    }

    @Test
    void overTheLimitNothingMoreIsWrittenButAllIsRead() throws IOException {
        Counting out = new Counting();
        CommandReader reader = new CommandReader(body());
        DataResult result = DataReader.read(reader, out, 1_000_000);
        assertEquals(new DataResult(Outcome.TOO_BIG, UNSTUFFED, 2), result);
        assertEquals(1_000_000, out.total);
        assertEquals(new Line("QUIT"), reader.read());
    }
}
