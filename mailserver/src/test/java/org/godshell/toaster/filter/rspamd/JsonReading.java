package org.godshell.toaster.filter.rspamd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The strict JSON reader of this package opened to other packages' tests, which check JSON the toaster writes
 * (the TLS report): a value as plain Java, objects as ordered maps, arrays as lists, numbers as doubles.
 */
public final class JsonReading {

    private JsonReading() {
    }

    /** The value of {@code text}; throws {@link IllegalArgumentException} when it is not JSON. */
    public static Object parse(String text) {
        try {
            return plain(Json.parse(text));
        } catch (Json.Malformed e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    private static Object plain(JsonValue value) {
        return switch (value) {
            case JsonValue.JsonObject object -> {
                Map<String, Object> members = new LinkedHashMap<>();
                object.members().forEach((name, member) -> members.put(name, plain(member)));
                yield members;
            }
            case JsonValue.JsonArray array -> {
                List<Object> elements = new ArrayList<>();
                array.elements().forEach(element -> elements.add(plain(element)));
                yield elements;
            }
            case JsonValue.JsonString string -> string.value();
            case JsonValue.JsonNumber number -> number.value();
            case JsonValue.JsonBoolean bool -> bool.value();
            case JsonValue.JsonNull nothing -> null;
        };
    }
}
