package org.godshell.toaster.filter.rspamd;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A JSON value (RFC 8259 §3), as {@link Json} reads it: a tree of immutable records. */
sealed interface JsonValue {

    /** An object; its members in the order written (RFC 8259 §4: names are unique here, see {@link Json}). */
    record JsonObject(Map<String, JsonValue> members) implements JsonValue {
        public JsonObject {
            members = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(members));
        }

        Optional<JsonValue> get(String name) {
            return Optional.ofNullable(members.get(name));
        }
    }

    record JsonArray(List<JsonValue> elements) implements JsonValue {
        public JsonArray {
            elements = List.copyOf(elements);
        }
    }

    record JsonString(String value) implements JsonValue {}

    /** A number, always finite: {@link Json} refuses one beyond a double's range. */
    record JsonNumber(double value) implements JsonValue {}

    record JsonBoolean(boolean value) implements JsonValue {}

    record JsonNull() implements JsonValue {}
}
