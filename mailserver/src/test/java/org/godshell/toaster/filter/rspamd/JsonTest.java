package org.godshell.toaster.filter.rspamd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The strict JSON reader: the whole grammar of RFC 8259, and nothing that is not in it. */
class JsonTest {

    @Test
    void everyKindOfValue() throws Exception {
        JsonValue value = Json.parse(" {\"a\": [1, -2.5e1, 0, 0.25, true, false, null], \"b\": {}, \"c\": [] }\r\n");
        assertEquals(new JsonValue.JsonObject(Map.of(
                "a", new JsonValue.JsonArray(List.of(new JsonValue.JsonNumber(1), new JsonValue.JsonNumber(-25),
                        new JsonValue.JsonNumber(0), new JsonValue.JsonNumber(0.25), new JsonValue.JsonBoolean(true),
                        new JsonValue.JsonBoolean(false), new JsonValue.JsonNull())),
                "b", new JsonValue.JsonObject(Map.of()), "c", new JsonValue.JsonArray(List.of()))), value);
    }

    @Test
    void everyStringEscape() throws Exception {
        assertEquals(new JsonValue.JsonString("\" \\ / \b \f \n \r \t \u00e9 \ud83d\ude00 é"),
                Json.parse("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00E9 \\ud83d\\ude00 é\""));
    }

    @Test
    void rspamdsOwnAnswerReads() throws Exception {
        String gtube = "{\"is_skipped\":true,\"score\":15.0,\"required_score\":15.0,\"action\":\"reject\","
                + "\"symbols\":{\"GTUBE\":{\"name\":\"GTUBE\",\"score\":0.0,\"metric_score\":0.0}},"
                + "\"messages\":{\"smtp_message\":\"Gtube pattern\"},\"message-id\":\"1@example.com\","
                + "\"time_real\":0.063066}";
        JsonValue.JsonObject answer = (JsonValue.JsonObject) Json.parse(gtube);
        assertEquals(new JsonValue.JsonString("reject"), answer.get("action").orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "}", "[1,]", "{\"a\":1,}", "{'a':1}", "{a:1}", "[1 2]", "{\"a\" 1}",
        "01", "-", "1.", ".5", "1e", "1e+", "+1", "0x10", "NaN", "Infinity", "1e400", "-1e400", "tru", "nulls",
        "\"open", "\"tab\there\"", "\"line\nbreak\"", "\"\\x41\"", "\"\\u12\"", "\"\\u12G4\"", "\"\\ud83d\"",
        "\"\\ude00\"", "\"\\ud83d\\u0041\"", "\"\\", "{} {}", "[] x", "/* c */ {}", "{\"a\":1}//", "\u00a0{}",
        "{\"action\":\"no action\",\"action\":\"reject\"}"})
    void whatIsNotJsonIsRefusedWithItsOffset(String text) {
        Json.Malformed e = assertThrows(Json.Malformed.class, () -> Json.parse(text));
        assertTrue(e.getMessage().startsWith("not JSON at offset "), e.getMessage());
    }

    @Test
    void nestingIsBounded() throws Exception {
        String deepest = "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1);
        assertTrue(Json.parse(deepest) instanceof JsonValue.JsonArray);
        String hostile = "[".repeat(1_000_000) + "]".repeat(1_000_000);
        Json.Malformed e = assertThrows(Json.Malformed.class, () -> Json.parse(hostile));
        assertTrue(e.getMessage().contains("nested deeper than " + Json.MAX_DEPTH), e.getMessage());
        Json.Malformed objects = assertThrows(Json.Malformed.class, () -> Json.parse("{\"a\":".repeat(100_000)));
        assertTrue(objects.getMessage().contains("nested deeper"), objects.getMessage());
    }

    @Test
    void aRepeatedNameIsNamedInTheError() {
        Json.Malformed e = assertThrows(Json.Malformed.class, () -> Json.parse("{\"score\":1,\"score\":2}"));
        assertTrue(e.getMessage().contains("\"score\" appears twice"), e.getMessage());
    }
}
