package org.godshell.toaster.logstats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.godshell.toaster.logline.TextLine;

/**
 * One line of the JSON log format as its members, read by Jackson's streaming parser and refused unless it is
 * exactly what {@code JsonLine} writes: one object (RFC 8259 §4) and nothing after it, each member once, each
 * value a string, a number as {@code Field} writes one (up to 19 digits and 9 decimals, no exponent) or
 * {@code true} (the format nests nothing), no string with a lone surrogate (which the writer replaces by U+FFFD,
 * so none comes from a daemon). A string's control characters, which JSON
 * escaping carried, are written back as the text format writes them ({@code \x0a}), so that the value read is
 * the text line's, and no NUL ever reaches the tally's keys.
 */
final class JsonObjectLine {

    /** A member's value. */
    sealed interface Value permits Text, Number, Flag {
    }

    record Text(String value) implements Value {
    }

    /** A number as the line writes it, digits and all, for the reader to check against what it expects. */
    record Number(String text) implements Value {
    }

    record Flag() implements Value {
    }

    /**
     * Duplicates refused (§4: names SHOULD be unique; a line that says {@code client} twice is not one to count);
     * nesting and number length bounded while reading, whatever the line; names never interned into the JVM's
     * string pool, since anyone's names may come this way.
     */
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]{0,18})(\\.[0-9]{1,9})?");

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(1).maxNumberLength(32).build())
            .build();

    private JsonObjectLine() {
    }

    /** The members of {@code line}, or empty when it is not one flat JSON object. */
    static Optional<Map<String, Value>> parse(String line) {
        try (JsonParser parser = FACTORY.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            Map<String, Value> members = new HashMap<>();
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                Optional<Value> value = value(parser, parser.nextToken());
                if (value.isEmpty() || hasLoneSurrogate(name)) {
                    return Optional.empty();
                }
                members.put(name, value.get());
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return Optional.empty();
            }
            return Optional.of(members);
        } catch (IOException e) {
            // Not JSON, a member twice, nested or a number too long: Jackson says so with an exception.
            return Optional.empty();
        }
    }

    private static Optional<Value> value(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> hasLoneSurrogate(parser.getText()) ? Optional.empty()
                    : Optional.of(new Text(TextLine.clean(parser.getText(), 0)));
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> NUMBER.matcher(parser.getText()).matches()
                    ? Optional.of(new Number(parser.getText())) : Optional.empty();
            case VALUE_TRUE -> Optional.of(new Flag());
            case null, default -> Optional.empty();
        };
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
