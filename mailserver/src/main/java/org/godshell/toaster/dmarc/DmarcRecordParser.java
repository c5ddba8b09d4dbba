package org.godshell.toaster.dmarc;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.godshell.toaster.dmarc.DmarcRecord.Parse;

/**
 * The syntax of RFC 7489 §6.4, read as the receiver it protects would want: {@code p=} and {@code sp=} decide
 * whether there is a policy at all (§6.6.3 step 5), while a bad value of another tag ({@code pct=},
 * {@code adkim=}, {@code aspf=}, {@code fo=}) takes its default and is noted, rather than throw the owner's
 * {@code p=reject} away over a typo; unknown tags are ignored (§6.3). A tag given twice counts as invalid: the
 * record says two things and we cannot know which it means.
 */
final class DmarcRecordParser {

    /** Real records are under 300 characters; a DNS answer can hold 64 KB. */
    static final int MAX_LENGTH = 2048;
    private static final Pattern TAG = Pattern.compile("([A-Za-z][A-Za-z0-9_]*)[ \t]*=[ \t]*(.*)", Pattern.DOTALL);
    private static final Pattern PERCENT = Pattern.compile("[0-9]{1,3}");
    private static final Pattern FAILURE_OPTIONS = Pattern.compile("[01dsDS]([ \t]*:[ \t]*[01dsDS])*");
    /** §6.4 dmarc-uri: a URI, then an optional {@code !size} with a unit. */
    private static final Pattern SIZE_LIMIT = Pattern.compile("![0-9]+[kmgtKMGT]?$");

    private DmarcRecordParser() {
    }

    static Parse parse(String text) {
        if (text.length() > MAX_LENGTH) {
            return new Parse.Invalid("a DMARC record of more than " + MAX_LENGTH + " characters");
        }
        if (!text.chars().allMatch(c -> c >= 0x20 && c < 0x7f || c == '\t')) {
            return new Parse.Invalid("a DMARC record with a character outside printable ASCII");
        }
        if (!DmarcRecord.isDmarc(text)) {
            return new Parse.Invalid("not a DMARC record: it does not start with v=DMARC1");
        }
        List<String> problems = new ArrayList<>();
        Map<String, List<String>> tags = tags(text, problems);
        Optional<Policy> policy = single(tags, "p").flatMap(Policy::of);
        Optional<Policy> subdomain = single(tags, "sp").flatMap(Policy::of);
        boolean badSubdomain = tags.containsKey("sp") && subdomain.isEmpty();
        Optional<String> rua = single(tags, "rua");
        if (policy.isEmpty() || badSubdomain) {
            String what = policy.isEmpty() ? "no valid p= (" + shown(tags.get("p")) + ")"
                    : "no valid sp= (" + shown(tags.get("sp")) + ")";
            if (rua.isEmpty() || !anyValidUri(rua.get())) {
                return new Parse.Invalid(what + " and no valid rua=");
            }
            // §6.6.3 step 5: with a valid rua=, act as if the record said "v=DMARC1; p=none".
            problems.add(what + ": taken as p=none because rua= is valid (RFC 7489 section 6.6.3)");
            policy = Optional.of(Policy.NONE);
            subdomain = Optional.empty();
        }
        int percent = value(tags, "pct", DmarcRecordParser::percent, 100, problems);
        Alignment dkim = value(tags, "adkim", Alignment::of, Alignment.RELAXED, problems);
        Alignment spf = value(tags, "aspf", Alignment::of, Alignment.RELAXED, problems);
        String failureOptions = value(tags, "fo",
                v -> FAILURE_OPTIONS.matcher(v).matches() ? Optional.of(v) : Optional.empty(), "0", problems);
        return new Parse.Found(new DmarcRecord(policy.get(), subdomain, percent, dkim, spf, failureOptions, rua,
                single(tags, "ruf"), problems));
    }

    /** Every {@code tag=value} after the version, tag names in lower case, values without outer white space. */
    private static Map<String, List<String>> tags(String text, List<String> problems) {
        Map<String, List<String>> tags = new LinkedHashMap<>();
        String[] parts = text.split(";", -1);
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].strip();
            if (part.isEmpty()) {
                continue;
            }
            Matcher tag = TAG.matcher(part);
            if (!tag.matches()) {
                problems.add("ignored \"" + cut(part) + "\": not tag=value");
                continue;
            }
            tags.computeIfAbsent(tag.group(1).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(tag.group(2).strip());
        }
        return tags;
    }

    /** The tag's value when it is given once, not empty; a tag given twice has none. */
    private static Optional<String> single(Map<String, List<String>> tags, String name) {
        List<String> values = tags.getOrDefault(name, List.of());
        return values.size() == 1 && !values.get(0).isEmpty() ? Optional.of(values.get(0)) : Optional.empty();
    }

    private static <T> T value(Map<String, List<String>> tags, String name, Function<String, Optional<T>> reader,
            T fallback, List<String> problems) {
        if (!tags.containsKey(name)) {
            return fallback;
        }
        Optional<T> value = single(tags, name).flatMap(reader);
        if (value.isEmpty()) {
            problems.add("invalid " + name + "= (" + shown(tags.get(name)) + "): taken as the default, " + fallback);
        }
        return value.orElse(fallback);
    }

    private static Optional<Integer> percent(String value) {
        if (!PERCENT.matcher(value).matches()) {
            return Optional.empty();
        }
        int percent = Integer.parseInt(value);
        return percent <= 100 ? Optional.of(percent) : Optional.empty();
    }

    /** §6.6.3 step 5 asks for "at least one syntactically valid reporting URI": absolute, with a scheme. */
    static boolean anyValidUri(String rua) {
        for (String uri : rua.split(",")) {
            String bare = SIZE_LIMIT.matcher(uri.strip()).replaceFirst("");
            try {
                if (!bare.isEmpty() && new URI(bare).isAbsolute()) {
                    return true;
                }
            } catch (URISyntaxException e) {
                // not this one; another may be valid
            }
        }
        return false;
    }

    private static String shown(List<String> values) {
        if (values == null) {
            return "missing";
        }
        if (values.size() > 1) {
            return "given " + values.size() + " times";
        }
        String value = values.get(0);
        return value.isEmpty() ? "empty" : "\"" + cut(value) + "\"";
    }

    private static String cut(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
