package org.godshell.toaster.smtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DotEncoderTest {

    private static String encode(String message) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DotEncoder encoder = new DotEncoder(out);
        encoder.write(message.getBytes(StandardCharsets.ISO_8859_1));
        long sent = encoder.finish();
        assertEquals(out.size(), sent);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "empty message              | ''                    | .\\r\\n",
        "one line                   | a\\r\\n               | a\\r\\n.\\r\\n",
        "no final CRLF              | a                     | a\\r\\n.\\r\\n",
        "dot line                   | .\\r\\n               | ..\\r\\n.\\r\\n",
        "leading dot first line     | .a\\r\\nb\\r\\n       | ..a\\r\\nb\\r\\n.\\r\\n",
        "dot after CRLF             | a\\r\\n.b\\r\\n        | a\\r\\n..b\\r\\n.\\r\\n",
        "dot mid line untouched     | a.b\\r\\n              | a.b\\r\\n.\\r\\n",
        "two dots                   | ..\\r\\n              | ...\\r\\n.\\r\\n",
        "bare LF becomes CRLF       | a\\nb\\r\\n           | a\\r\\nb\\r\\n.\\r\\n",
        "bare CR becomes CRLF       | a\\rb\\r\\n           | a\\r\\nb\\r\\n.\\r\\n",
        "smuggling LF dot LF        | a\\n.\\nb\\r\\n       | a\\r\\n..\\r\\nb\\r\\n.\\r\\n",
        "smuggling LF dot CRLF      | a\\n.\\r\\nb\\r\\n     | a\\r\\n..\\r\\nb\\r\\n.\\r\\n",
        "smuggling CR dot CR        | a\\r.\\rb\\r\\n       | a\\r\\n..\\r\\nb\\r\\n.\\r\\n",
        "final bare CR              | a\\r                  | a\\r\\n.\\r\\n",
        "CR CR LF                   | a\\r\\r\\n             | a\\r\\n\\r\\n.\\r\\n",
        "empty lines kept           | \\r\\n\\r\\n          | \\r\\n\\r\\n.\\r\\n",
    })
    void encodes(String name, String message, String expected) throws IOException {
        assertEquals(unescape(expected), encode(unescape(message)), name);
    }

    private static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n");
    }

    @Test
    void everySplitPointGivesTheSameBytes() throws IOException {
        String message = "From: a\r\n\r\n.x\r\n..\r\na\rb\nc.\r\n.\r";
        String whole = encode(message);
        byte[] bytes = message.getBytes(StandardCharsets.ISO_8859_1);
        for (int split = 0; split <= bytes.length; split++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            DotEncoder encoder = new DotEncoder(out);
            encoder.write(bytes, 0, split);
            encoder.flush();
            encoder.write(bytes, split, bytes.length - split);
            encoder.finish();
            assertEquals(whole, out.toString(StandardCharsets.ISO_8859_1), "split at " + split);
        }
    }

    @Test
    void roundTripsThroughTheServersDecoder() throws IOException {
        Random random = new Random(7);
        byte[] alphabet = ".a\r\n .".getBytes(StandardCharsets.ISO_8859_1);
        for (int run = 0; run < 200; run++) {
            StringBuilder message = new StringBuilder();
            int lines = random.nextInt(20);
            for (int l = 0; l < lines; l++) {
                int length = random.nextInt(6);
                for (int i = 0; i < length; i++) {
                    byte c = alphabet[random.nextInt(alphabet.length)];
                    if (c != '\r' && c != '\n') {
                        message.append((char) c);
                    }
                }
                message.append("\r\n");
            }
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            DotEncoder encoder = new DotEncoder(wire);
            encoder.write(message.toString().getBytes(StandardCharsets.ISO_8859_1));
            encoder.finish();
            ByteArrayOutputStream decoded = new ByteArrayOutputStream();
            DataResult result = DataReader.read(new ByteArrayInputStream(wire.toByteArray()), decoded, 0);
            assertEquals(DataResult.Outcome.OK, result.outcome());
            assertArrayEquals(message.toString().getBytes(StandardCharsets.ISO_8859_1), decoded.toByteArray());
        }
    }

    @Test
    void streamsLargeMessagesWithoutHoldingThem() throws IOException {
        long[] count = {0};
        DotEncoder encoder = new DotEncoder(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                count[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                count[0] += len;
            }
        });
        byte[] line = ".0123456789\r\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 100_000; i++) {
            encoder.write(line);
        }
        assertEquals(100_000L * (line.length + 1) + 3, encoder.finish());
        assertEquals(100_000L * (line.length + 1) + 3, count[0]);
    }

    @Test
    void refusesWritesAfterFinish() throws IOException {
        DotEncoder encoder = new DotEncoder(new ByteArrayOutputStream());
        encoder.finish();
        assertThrows(IOException.class, () -> encoder.write('a'));
        assertThrows(IOException.class, encoder::finish);
    }
}
