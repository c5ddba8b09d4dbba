package org.godshell.toaster.dns;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xbill.DNS.Address;

/**
 * The records of a {@link FixtureDns} written as text, so that a process outside the tests (the benchmark's
 * fixture, {@link FixtureDnsServer}) serves the same kind of zone. One record per line:
 *
 * <pre>
 * # comment
 * 1.0.0.127.bl.bench.localhost.  A      127.0.0.2
 * bench.localhost.                TXT    v=spf1 ip4:127.0.0.1 -all
 * rsa._domainkey.bench.localhost.  TXT    "v=DKIM1; k=rsa; p=MIIBIjAN..." "...IDAQAB"
 * bench.localhost.                MX     mx.bench.localhost.
 * slow.bench.localhost.           SILENT
 * </pre>
 *
 * Types: {@code A} and {@code AAAA} (IP literals only: a name here would mean asking DNS to build the DNS
 * fixture), {@code TXT} (the rest of the line as one string of printable ASCII, at most 255 octets, RFC 1035
 * §3.3.14; or, for a longer record such as a 2048-bit DKIM key, several strings in double quotes, as a zone
 * file and {@code toaster dns} write them, with no quote or backslash inside), {@code MX}, {@code SILENT} (no
 * answer), {@code SERVFAIL}. Names are absolute: they end with a dot. Every other name gets NXDOMAIN.
 */
record FixtureZone(List<Entry> entries) {

    static final int MAX_LINES = 10_000;
    static final int MAX_LINE = 1_000;
    /** One quoted TXT string and the blanks after it (none after the last). */
    private static final Pattern QUOTED = Pattern.compile("\"([^\"\\\\]*)\"(?:[ \t]+(?=\")|[ \t]*$)");

    /** One line of the zone. */
    record Entry(String name, String type, List<String> values) {
    }

    FixtureZone {
        entries = List.copyOf(entries);
    }

    /** Parses the zone's lines; the first bad one is an {@link IllegalArgumentException} naming its number. */
    static FixtureZone parse(List<String> lines) {
        if (lines.size() > MAX_LINES) {
            throw new IllegalArgumentException("more than " + MAX_LINES + " lines; a fixture zone is small");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                entries.add(entry(line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new FixtureZone(entries);
    }

    private static Entry entry(String line) {
        if (line.length() > MAX_LINE) {
            throw new IllegalArgumentException("longer than " + MAX_LINE + " characters");
        }
        if (!line.chars().allMatch(c -> c >= 0x20 && c < 0x7f || c == '\t')) {
            throw new IllegalArgumentException("control or non-ASCII characters; write printable ASCII only");
        }
        String[] words = line.split("[ \t]+", 3);
        if (words.length < 2) {
            throw new IllegalArgumentException("write NAME TYPE [VALUE], such as 'bench.localhost. TXT v=spf1 -all'");
        }
        String name = absolute(words[0]);
        String type = words[1];
        String rest = words.length > 2 ? words[2] : "";
        List<String> values = switch (type) {
            case "A" -> literals(rest, Address.IPv4, "IPv4");
            case "AAAA" -> literals(rest, Address.IPv6, "IPv6");
            case "MX" -> names(rest);
            case "TXT" -> rest.startsWith("\"") ? quoted(rest) : List.of(text(rest));
            case "SILENT", "SERVFAIL" -> {
                if (!rest.isEmpty()) {
                    throw new IllegalArgumentException(type + " takes no value");
                }
                yield List.of();
            }
            default -> throw new IllegalArgumentException("unknown type \"" + type
                    + "\"; write A, AAAA, TXT, MX, SILENT or SERVFAIL");
        };
        return new Entry(name, type, values);
    }

    private static String absolute(String name) {
        if (!name.endsWith(".") || !Dns.valid(name)) {
            throw new IllegalArgumentException("\"" + name + "\" is not an absolute DNS name (it ends with a dot)");
        }
        return name;
    }

    private static List<String> literals(String rest, int family, String kind) {
        List<String> values = words(rest);
        for (String value : values) {
            if (Address.toByteArray(value, family) == null) {
                throw new IllegalArgumentException("\"" + value + "\" is not an " + kind + " address");
            }
        }
        return values;
    }

    private static List<String> names(String rest) {
        return words(rest).stream().map(FixtureZone::absolute).toList();
    }

    private static List<String> words(String rest) {
        List<String> words = Arrays.stream(rest.split("[ \t]+")).filter(w -> !w.isEmpty()).toList();
        if (words.isEmpty()) {
            throw new IllegalArgumentException("no value");
        }
        return words;
    }

    private static String text(String rest) {
        if (rest.isEmpty() || rest.length() > 255) {
            throw new IllegalArgumentException("a TXT string has 1 to 255 characters");
        }
        return rest;
    }

    /**
     * {@code "one" "two"}: each string between double quotes, blanks between them, none empty or over 255
     * octets. No escapes: a fixture needs none, and a quote or backslash inside is refused rather than guessed at.
     */
    private static List<String> quoted(String rest) {
        List<String> strings = new ArrayList<>();
        Matcher m = QUOTED.matcher(rest);
        int at = 0;
        while (at < rest.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("write TXT strings as \"...\" \"...\", with no quote or backslash "
                        + "inside; this goes wrong at character " + (at + 1));
            }
            strings.add(text(m.group(1)));
            at = m.end();
        }
        return strings;
    }

    /** Adds every record to {@code dns}. */
    void serveWith(FixtureDns dns) {
        for (Entry entry : entries) {
            String[] values = entry.values().toArray(String[]::new);
            switch (entry.type()) {
                case "A" -> dns.a(entry.name(), values);
                case "AAAA" -> dns.aaaa(entry.name(), values);
                case "MX" -> dns.mx(entry.name(), values);
                case "TXT" -> dns.txt(entry.name(), values);
                case "SILENT" -> dns.silent(entry.name());
                case "SERVFAIL" -> dns.servfail(entry.name());
                default -> throw new IllegalStateException("parse let through type " + entry.type());
            }
        }
    }
}
