package org.godshell.toaster.mtasts;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The policy file's grammar (RFC 8461 §3.2): {@code key: value} lines ended by LF or CRLF, {@code version:
 * STSv1}, {@code mode}, {@code max_age} and one or more {@code mx}. Unknown keys are ignored (extensions); a
 * known key given twice keeps its first value, except {@code mx}, which may repeat.
 */
public final class PolicyParser {

    /** §3.3: "senders MAY impose a limit on the maximum size of the policy"; 64 KiB is generous. */
    public static final int MAX_BYTES = 64 * 1024;
    /** §3.2: max_age is at most 31557600 seconds (about a year). */
    static final long MAX_AGE = 31_557_600;

    /** key ":" value, key as sts-policy-ext-name; the value's spaces and tabs are trimmed without a regex. */
    private static final Pattern FIELD = Pattern.compile("([A-Za-z0-9][A-Za-z0-9_.-]{0,31}):(.*)");

    /** What a policy text came to. */
    public sealed interface Parsed {
        record Valid(Policy policy) implements Parsed {}

        record Invalid(String why) implements Parsed {}
    }

    private PolicyParser() {
    }

    public static Parsed parse(byte[] body) {
        if (body.length > MAX_BYTES) {
            return new Parsed.Invalid("larger than " + MAX_BYTES + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return new Parsed.Invalid("not UTF-8");
        }
        return parse(text);
    }

    public static Parsed parse(String text) {
        Map<String, String> first = new HashMap<>();
        List<MxPattern> mx = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        int number = 0;
        for (String raw : text.split("\n", -1)) {
            number++;
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (line.isBlank()) {
                continue;
            }
            if (line.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                return new Parsed.Invalid("line " + number + ": control character");
            }
            Matcher field = FIELD.matcher(line);
            if (!field.matches()) {
                return new Parsed.Invalid("line " + number + ": not a key: value line");
            }
            lines.add(line);
            String key = field.group(1);
            String value = trim(field.group(2));
            if (key.equals("mx")) {
                try {
                    mx.add(new MxPattern(value));
                } catch (IllegalArgumentException e) {
                    return new Parsed.Invalid("line " + number + ": mx \"" + shorten(value) + "\" is not a host "
                            + "name or *.domain");
                }
            } else {
                first.putIfAbsent(key, value);
            }
        }
        return policy(first, mx, lines);
    }

    private static Parsed policy(Map<String, String> fields, List<MxPattern> mx, List<String> lines) {
        if (!"STSv1".equals(fields.get("version"))) {
            return new Parsed.Invalid(fields.containsKey("version") ? "version is not STSv1" : "no version");
        }
        Optional<Mode> mode = Optional.ofNullable(fields.get("mode")).flatMap(Mode::of);
        if (mode.isEmpty()) {
            return new Parsed.Invalid(fields.containsKey("mode") ? "mode is not enforce, testing or none"
                    : "no mode");
        }
        String age = fields.get("max_age");
        // §3.2: max_age = 1*10DIGIT, at most 31557600.
        if (age == null || !age.matches("[0-9]{1,10}") || Long.parseLong(age) > MAX_AGE) {
            return new Parsed.Invalid(age == null ? "no max_age" : "max_age is not a number of seconds from 0 to "
                    + MAX_AGE);
        }
        if (mx.isEmpty() && mode.get() != Mode.NONE) {
            return new Parsed.Invalid("no mx");
        }
        return new Parsed.Valid(new Policy(mode.get(), mx, Duration.ofSeconds(Long.parseLong(age)), lines));
    }

    /** Leading and trailing WSP (space, tab) only: strip() would also take Unicode spaces. */
    private static String trim(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && (value.charAt(start) == ' ' || value.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\t')) {
            end--;
        }
        return value.substring(start, end);
    }

    private static String shorten(String value) {
        return value.length() > 64 ? value.substring(0, 64) + "..." : value;
    }
}
