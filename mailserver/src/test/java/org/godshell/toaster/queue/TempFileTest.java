package org.godshell.toaster.queue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The temp file's buffer starts at 8 KB and grows to 64 KB: every byte lands once, in order, wherever it grows. */
class TempFileTest {

    @TempDir
    Path temp;

    private TempFile open(Path file, byte[] head) throws IOException {
        return new TempFile(FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.READ), file.toString(), head);
    }

    private static byte[] pattern(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + seed);
        }
        return bytes;
    }

    @Test
    void writesOfEverySizeAcrossTheGrowthKeepEveryByteInOrder() throws IOException {
        Path file = temp.resolve("msg");
        byte[] head = "Received: head\r\n".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(head);
        TempFile tempFile = open(file, head);
        int seed = 0;
        // Single bytes through 8 KB, chunks that straddle 16 KB and 32 KB, one larger than the largest buffer.
        for (int i = 0; i < 9000; i++) {
            tempFile.append(i & 0xff);
            expected.write(i & 0xff);
        }
        for (int size : new int[] {1, 7000, 9000, 17_000, 30_000, 65_536, 200_000, 3, 64 * 1024 - 1}) {
            byte[] chunk = pattern(size, seed++);
            tempFile.append(chunk, 0, chunk.length);
            expected.writeBytes(chunk);
        }
        assertEquals(expected.size(), tempFile.size());
        tempFile.drain();
        tempFile.close();
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(file));
    }

    @Test
    void aPatchAfterTheBufferGrewLandsWhereItWasAimed() throws IOException {
        Path file = temp.resolve("patched");
        TempFile tempFile = open(file, new byte[0]);
        byte[] body = pattern(20_000, 5);
        tempFile.append(body, 0, body.length);
        byte[] mark = "PATCH".getBytes(StandardCharsets.US_ASCII);
        tempFile.patch(10, mark);
        tempFile.patch(19_990, mark);
        tempFile.drain();
        tempFile.close();
        System.arraycopy(mark, 0, body, 10, mark.length);
        System.arraycopy(mark, 0, body, 19_990, mark.length);
        assertArrayEquals(body, Files.readAllBytes(file));
    }

    @Test
    void aHeadLargerThanTheFirstBufferIsKeptWhole() throws IOException {
        Path file = temp.resolve("big-head");
        byte[] head = pattern(100_000, 9);
        TempFile tempFile = open(file, head);
        tempFile.append('x');
        tempFile.drain();
        tempFile.close();
        byte[] expected = new byte[head.length + 1];
        System.arraycopy(head, 0, expected, 0, head.length);
        expected[head.length] = 'x';
        assertArrayEquals(expected, Files.readAllBytes(file));
    }

    @Test
    void bytesStillInTheBufferAreReadBackFromItAndNothingIsWrittenUntilTheDrain() throws IOException {
        Path file = temp.resolve("small");
        byte[] head = "V1\nM-------------------\n\n".getBytes(StandardCharsets.US_ASCII);
        TempFile tempFile = open(file, head);
        byte[] body = pattern(3000, 1);
        tempFile.append(body, 0, body.length);
        try (InputStream in = tempFile.readBack(head.length, tempFile.size())) {
            assertArrayEquals(body, in.readAllBytes());
        }
        assertEquals(0, Files.size(file), "read back from memory: no write yet");
        byte[] more = pattern(100, 2);
        tempFile.append(more, 0, more.length);
        try (InputStream in = tempFile.readBack(tempFile.size(), tempFile.size())) {
            assertEquals(-1, in.read(), "an empty range reads as empty");
        }
        tempFile.patch(4, "0000000000000003100".getBytes(StandardCharsets.US_ASCII));
        tempFile.drain();
        tempFile.close();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes("V1\nM0000000000000003100\n\n".getBytes(StandardCharsets.US_ASCII));
        expected.writeBytes(body);
        expected.writeBytes(more);
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(file));
    }

    @Test
    void aReadBackOfBytesPartlyWrittenOutReadsTheFileAfterTheRest() throws IOException {
        Path file = temp.resolve("large");
        TempFile tempFile = open(file, new byte[0]);
        byte[] body = pattern(150_000, 3);
        tempFile.append(body, 0, 70_000);
        tempFile.append(body, 70_000, 80_000);
        try (InputStream in = tempFile.readBack(0, tempFile.size())) {
            assertArrayEquals(body, in.readAllBytes());
        }
        try (InputStream in = tempFile.readBack(149_000, tempFile.size())) {
            assertArrayEquals(java.util.Arrays.copyOfRange(body, 149_000, 150_000), in.readAllBytes());
        }
        assertEquals(150_000, Files.size(file), "the buffer was written out for the read");
        tempFile.close();
    }
}
