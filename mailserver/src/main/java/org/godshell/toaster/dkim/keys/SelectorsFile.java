package org.godshell.toaster.dkim.keys;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.godshell.toaster.dkim.Algorithm;

/**
 * A domain's {@code .dkim/selectors}: which keys sign, which wait, which are retired. One key a line, four
 * fields: {@code STATE SELECTOR ALGORITHM CREATED}, e.g. {@code active 20261206-rsa rsa-sha256
 * 2026-12-06T10:15:30Z}; {@code #} comments and blank lines. The toaster writes it; an admin may edit it, so it is
 * read strictly: the first line that breaks a rule makes the whole file unusable, with its {@code file:line}
 * (half a key list would sign with the wrong keys, which is worse than keeping the last good one).
 *
 * @param selectors in file order
 */
public record SelectorsFile(List<Selector> selectors) {

    /** Room for {@value #MAX_SELECTORS} lines and comments; anything larger is not this file. */
    static final int MAX_FILE = 16 * 1024;
    /** Years of monthly rotations with every retired key kept; more is a mistake. */
    static final int MAX_SELECTORS = 100;
    private static final Pattern CREATED = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    private static final Pattern PRINTABLE = Pattern.compile("[\\x20-\\x7e\\t]*");

    public SelectorsFile {
        selectors = List.copyOf(selectors);
    }

    /** The keys in {@code state}, in file order. */
    public List<Selector> in(KeyState state) {
        return selectors.stream().filter(s -> s.state() == state).toList();
    }

    public Optional<Selector> find(String name) {
        return selectors.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The file's text, with a header that says what it is. */
    String text(String domain) {
        StringBuilder out = new StringBuilder("# DKIM keys of " + domain + ", written by toaster dkim (wiki page "
                + "\"DKIM and DMARC\").\n# STATE SELECTOR ALGORITHM CREATED; the key of SELECTOR is SELECTOR.pem\n");
        for (Selector s : selectors) {
            out.append(s.state().word()).append(' ').append(s.name()).append(' ').append(s.algorithm().word())
                    .append(' ').append(s.created()).append('\n');
        }
        return out.toString();
    }

    /** Parses the file's bytes; any broken rule is an exception naming {@code file} and the line. */
    static SelectorsFile parse(Path file, byte[] bytes) throws DkimKeysException {
        if (bytes.length > MAX_FILE) {
            throw DkimKeysException.at(file, 0, "over " + MAX_FILE + " bytes, which is no selectors file");
        }
        String text;
        try {
            text = StandardCharsets.US_ASCII.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw DkimKeysException.at(file, 0, "not ASCII text; the file holds only states, selectors, algorithms"
                    + " and dates");
        }
        String[] lines = text.split("\n", -1);
        List<Selector> selectors = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        Map<String, Integer> signing = new HashMap<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (!PRINTABLE.matcher(line).matches()) {
                throw DkimKeysException.at(file, i + 1, line.indexOf('\r') >= 0 ? "a carriage return: save the "
                        + "file with Unix line ends" : "a control character");
            }
            String content = line.strip();
            if (content.isEmpty() || content.startsWith("#")) {
                continue;
            }
            Selector selector = line(file, i + 1, content);
            Integer twice = seen.putIfAbsent(selector.name(), i + 1);
            if (twice != null) {
                throw DkimKeysException.at(file, i + 1, "selector " + selector.name() + " is listed twice (first"
                        + " on line " + twice + "); keep one line");
            }
            if (selector.state() != KeyState.RETIRED) {
                Integer other = signing.putIfAbsent(selector.state().word() + " " + selector.algorithm().word(), i + 1);
                if (other != null) {
                    throw DkimKeysException.at(file, i + 1, "a second " + selector.state().word() + " "
                            + selector.algorithm().word() + " key (the first is on line " + other + "): one key "
                            + "of each algorithm is " + selector.state().word() + "; retire or remove the other");
                }
            }
            if (selectors.size() == MAX_SELECTORS) {
                throw DkimKeysException.at(file, i + 1, "more than " + MAX_SELECTORS + " keys; remove retired "
                        + "ones with: toaster dkim remove DOMAIN SELECTOR...");
            }
            selectors.add(selector);
        }
        return new SelectorsFile(selectors);
    }

    private static Selector line(Path file, int number, String content) throws DkimKeysException {
        String[] fields = content.split("[ \\t]+");
        if (fields.length != 4) {
            throw DkimKeysException.at(file, number, fields.length + " fields; a line is: STATE SELECTOR "
                    + "ALGORITHM CREATED, e.g. active 20261206-rsa rsa-sha256 2026-12-06T10:15:30Z");
        }
        KeyState state = KeyState.of(fields[0]).orElseThrow(() -> DkimKeysException.at(file, number,
                SelectorNames.printable(fields[0]) + " is no state: active, pending or retired"));
        if (!SelectorNames.valid(fields[1])) {
            throw DkimKeysException.at(file, number, SelectorNames.printable(fields[1]) + " is no selector: one"
                    + " DNS label of a-z 0-9 and '-', at most " + SelectorNames.MAX + " characters");
        }
        Algorithm algorithm = algorithm(fields[2]).orElseThrow(() -> DkimKeysException.at(file, number,
                SelectorNames.printable(fields[2]) + " is no algorithm: rsa-sha256 or ed25519-sha256"));
        Instant created;
        try {
            if (!CREATED.matcher(fields[3]).matches()) {
                throw new DateTimeParseException("not of the form", fields[3], 0);
            }
            created = Instant.parse(fields[3]);
        } catch (DateTimeParseException e) {
            throw DkimKeysException.at(file, number, SelectorNames.printable(fields[3]) + " is no time of "
                    + "creation: write it as 2026-12-06T10:15:30Z (UTC)");
        }
        return new Selector(fields[1], state, algorithm, created);
    }

    /** The algorithm named by its {@code a=} word. */
    static Optional<Algorithm> algorithm(String word) {
        for (Algorithm algorithm : Algorithm.values()) {
            if (algorithm.word().equals(word)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }
}
