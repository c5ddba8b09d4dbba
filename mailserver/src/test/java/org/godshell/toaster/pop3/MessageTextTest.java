package org.godshell.toaster.pop3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageTextTest {

    private static byte[] bytes(String escaped) {
        return Pop3Script.unescape(escaped).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String write(byte[] file, long lines) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MessageText.write(new ByteArrayInputStream(file), out, lines);
        return out.toString(StandardCharsets.ISO_8859_1).replace("\r", "\\r").replace("\n", "\\n");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "''                          | .\\r\\n",
        "a                           | a\\r\\n.\\r\\n",
        "a\\n                        | a\\r\\n.\\r\\n",
        "a\\r\\n                     | a\\r\\n.\\r\\n",
        "a\\nb\\r\\nc                | a\\r\\nb\\r\\nc\\r\\n.\\r\\n",
        ".\\n                        | ..\\r\\n.\\r\\n",
        "..x\\n.\\r\\n               | ...x\\r\\n..\\r\\n.\\r\\n",
        "a\\rb\\n                    | a\\rb\\r\\n.\\r\\n",
        "a\\r                        | a\\r\\r\\n.\\r\\n",
        "a\\r\\r\\n                  | a\\r\\r\\n.\\r\\n",
        "\\n\\n                      | \\r\\n\\r\\n.\\r\\n",
        "x\\x00y\\n                  | x\\x00y\\r\\n.\\r\\n",
    })
    void retrSendsCrlfLinesByteStuffedAndTerminated(String file, String wire) throws IOException {
        assertEquals(Pop3Script.unescape(wire).replace("\r", "\\r").replace("\n", "\\n"),
                write(bytes(file), MessageText.WHOLE));
    }

    @ParameterizedTest(name = "{0} lines {1}")
    @CsvSource(delimiter = '|', value = {
        "H: 1\\n\\nb1\\nb2\\n     | 0  | H: 1\\r\\n\\r\\n.\\r\\n",
        "H: 1\\n\\nb1\\nb2\\n     | 1  | H: 1\\r\\n\\r\\nb1\\r\\n.\\r\\n",
        "H: 1\\n\\nb1\\nb2\\n     | 5  | H: 1\\r\\n\\r\\nb1\\r\\nb2\\r\\n.\\r\\n",
        "H: 1\\r\\n\\r\\n.b1\\r\\n | 1  | H: 1\\r\\n\\r\\n..b1\\r\\n.\\r\\n",
        "H: 1\\nH: 2              | 0  | H: 1\\r\\nH: 2\\r\\n.\\r\\n",
        "\\nbody\\n              | 0  | \\r\\n.\\r\\n",
    })
    void topSendsTheHeaderTheEmptyLineAndNBodyLines(String file, long lines, String wire) throws IOException {
        assertEquals(Pop3Script.unescape(wire).replace("\r", "\\r").replace("\n", "\\n"), write(bytes(file), lines));
    }

    /** The announced size is what RETR sends, less the stuffing dots and the final ".CRLF" (RFC 1939 §11). */
    @org.junit.jupiter.api.Test
    void sizeMatchesWhatRetrSendsForRandomFiles() throws IOException {
        Random random = new Random(1939);
        byte[] alphabet = {'a', '.', '\r', '\n', '\n', ' ', 0, (byte) 0xff};
        for (int round = 0; round < 2000; round++) {
            byte[] file = new byte[random.nextInt(200)];
            for (int i = 0; i < file.length; i++) {
                file[i] = alphabet[random.nextInt(alphabet.length)];
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MessageText.write(new ByteArrayInputStream(file), out, MessageText.WHOLE);
            String sent = out.toString(StandardCharsets.ISO_8859_1);
            String unstuffed = sent.substring(0, sent.length() - 3).replace("\r\n..", "\r\n.");
            if (unstuffed.startsWith("..")) {
                unstuffed = unstuffed.substring(1);
            }
            assertEquals(unstuffed.length(), MessageText.size(new ByteArrayInputStream(file)),
                    "file " + java.util.Arrays.toString(file));
        }
    }
}
