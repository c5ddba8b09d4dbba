package org.godshell.toaster.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** testssl.sh's flat JSON as it writes it, every string escape, and what any other shape or damage gives. */
class FlatJsonTest {

    @Test
    void readsTheReportAsTestsslWritesIt() {
        String report = """
                [
                         {
                              "id"           : "secure_client_renego",
                              "ip"           : "scan.test/127.0.0.1",
                              "port"         : "465",
                              "severity"     : "OK",
                              "finding"      : "not vulnerable",
                              "cve"          : "CVE-2011-1473"
                          }
                ,         {
                              "id"           : "scanTime",
                              "ip"           : "scan.test/127.0.0.1",
                              "port"         : "465",
                              "severity"     : "INFO",
                              "finding"      : "41"
                          }
                ]
                """;
        List<Map<String, String>> objects = FlatJson.parse(report);
        assertEquals(2, objects.size());
        assertEquals("not vulnerable", objects.getFirst().get("finding"));
        assertEquals(List.of("id", "ip", "port", "severity", "finding", "cve"),
                List.copyOf(objects.getFirst().keySet()));
    }

    @Test
    void readsEveryEscapeAndEmptyShapes() {
        assertEquals(List.of(Map.of("k", "\"\\/\b\f\n\r\té€")),
                FlatJson.parse("[{\"k\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u20AC\"}]"));
        assertEquals(List.of(), FlatJson.parse(" [ ] "));
        assertEquals(List.of(Map.of()), FlatJson.parse("[{}]"));
        assertEquals(List.of(Map.of("<script>", "</script>")), FlatJson.parse("[{\"<script>\":\"</script>\"}]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{}", "[", "[{", "[{]", "[{}", "[{},]", "[,{}]", "[{}{}]", "[{}] []", "[{}] x",
            "[{\"a\"}]", "[{\"a\":}]", "[{\"a\":1}]", "[{\"a\":true}]", "[{\"a\":null}]", "[{\"a\":[]}]",
            "[{\"a\":{}}]", "[{\"a\":\"b\",}]", "[{\"a\":\"b\" \"c\":\"d\"}]", "[{a:\"b\"}]", "[{'a':'b'}]",
            "[{\"a\":\"b\",\"a\":\"c\"}]", "[{\"a\":\"unterminated}]", "[{\"a\":\"\\x\"}]", "[{\"a\":\"\\u12\"}]",
            "[{\"a\":\"\\u12G4\"}]", "[{\"a\":\"\\ud800\"}]", "[{\"a\":\"\\", "[{\"a\":\"line\nbreak\"}]",
            "[{\"a\":\"nul\u0000\"}]", "\uFEFF[]", "[\"a\"]", "[[]]"})
    void refusesAnyOtherShapeOrDamage(String text) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> FlatJson.parse(text));
        assertTrue(refused.getMessage().startsWith("JSON at offset "), refused.getMessage());
    }

    @Test
    void refusesAnOversizedReportBeforeReadingIt() {
        String huge = "[" + " ".repeat(FlatJson.MAX_CHARS) + "]";
        assertThrows(IllegalArgumentException.class, () -> FlatJson.parse(huge));
    }

    @Test
    void readsAHundredThousandFindings() {
        String many = "[" + "{\"id\":\"x\"},".repeat(100_000) + "{\"id\":\"last\"}]";
        assertEquals(100_001, FlatJson.parse(many).size());
    }
}
