package org.godshell.toaster.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every character a client may send, written as a JSON string that ends where it should and is ASCII. */
class JsonTextTest {

    private static String json(String value) {
        StringBuilder out = new StringBuilder();
        JsonText.string(out, value);
        return out.toString();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "plain ASCII             | bob@example.org           | \"bob@example.org\"",
        "a quote closes nothing  | x\",\"client\":\"1.2.3.4  | \"x\\\",\\\"client\\\":\\\"1.2.3.4\"",
        "backslashes             | a\\b\\                    | \"a\\\\b\\\\\"",
        "empty                   | ``                        | \"\"",
    })
    void writesTheStringQuotedAndEscaped(String what, String value, String expected) {
        assertEquals(expected, json(value), what);
    }

    @Test
    void controlCharactersLineEndsAndDelAreEscaped() {
        assertEquals("\"a\\r\\n\\t\\u0000\\u001b\\u007f\\u2028b\"", json("a\r\n\t\u0000\u001b\u007f\u2028b"));
    }

    @Test
    void everythingOutsideAsciiIsAnEscapeAndAPairStaysAPair() {
        assertEquals("\"\\u00e9\\ud83d\\ude00\\ufffd\"", json("é😀\ufffd"));
    }

    @Test
    void aLoneSurrogateBecomesTheReplacementCharacter() {
        assertEquals("\"a\\ufffdb\\ufffd\\ufffd\\ufffd\"", json("a\ud800b\udc00\udc00\ud800"));
    }

    @Test
    void aLongValueStaysOneString() {
        String value = "\"".repeat(100_000);
        String written = json(value);
        assertEquals(2 + 200_000, written.length());
        assertEquals(-1, written.indexOf('\n'));
    }
}
