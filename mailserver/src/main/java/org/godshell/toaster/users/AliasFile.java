package org.godshell.toaster.users;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One domain's {@code aliases}, in the spirit of /etc/aliases: {@code name: target@example.org, other@example.net}
 * a line, {@code *: target} for the domain's catch-all, {@code #} comments and blank lines. Parsed strictly: a
 * line that breaks a rule is a {@link PasswdFile.Problem} with its {@code file:line}, skipped, never fatal for the
 * others. A line whose name could still be read is remembered in {@link #broken}: mail for that name is deferred
 * rather than bounced or handed to the catch-all while the admin fixes the line.
 *
 * <p>The first line with a name decides; a later one is a problem. One CR before the line end is dropped (a file
 * saved on Windows), any other control character, NUL or invalid UTF-8 makes the line a problem.
 *
 * @param lines    every line of the file, as text, without line ends (kept for edits)
 * @param aliases  the usable aliases by lowercase name ({@code *} for the catch-all), in file order
 * @param broken   names whose first line is unusable, with that line's number
 * @param problems the unusable lines
 */
record AliasFile(List<String> lines, Map<String, Alias> aliases, Map<String, Integer> broken,
        List<PasswdFile.Problem> problems) {

    /** The catch-all's name. */
    static final String CATCH_ALL = "*";
    /** A mailing list with more members than this belongs in list software, not in an alias. */
    static final int MAX_TARGETS = 1000;
    /** Room for {@link #MAX_TARGETS} addresses of ordinary length; a longer line is a mistake or an attack. */
    static final int MAX_LINE = 128 * 1024;

    /** A usable line: the name, its targets in order (no duplicates), its 1-based line number. */
    record Alias(String name, List<String> targets, int line) {
        Alias {
            targets = List.copyOf(targets);
        }
    }

    AliasFile {
        lines = List.copyOf(lines);
        aliases = Collections.unmodifiableMap(new LinkedHashMap<>(aliases));
        broken = Collections.unmodifiableMap(new LinkedHashMap<>(broken));
        problems = List.copyOf(problems);
    }

    static AliasFile empty() {
        return new AliasFile(List.of(), Map.of(), Map.of(), List.of());
    }

    /** Parses a domain's file; never throws for content, only reports problems. */
    static AliasFile parse(Path file, String domain, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        Map<String, Alias> aliases = new LinkedHashMap<>();
        Map<String, Integer> broken = new LinkedHashMap<>();
        List<PasswdFile.Problem> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            int number = i + 1;
            Optional<String> name = name(line);
            Integer first = name.map(n -> aliases.containsKey(n) ? Integer.valueOf(aliases.get(n).line()) : broken.get(n))
                    .orElse(null);
            if (first != null) {
                problems.add(new PasswdFile.Problem(file, number, label(name.get(), domain) + " is already on line "
                        + first + ", which is the one used: merge the targets into that line and remove this one"));
                continue;
            }
            try {
                Alias alias = alias(line, domain, number);
                aliases.put(alias.name(), alias);
            } catch (UserStoreException e) {
                problems.add(new PasswdFile.Problem(file, number, e.getMessage()));
                name.ifPresent(n -> broken.put(n, number));
            }
        }
        return new AliasFile(lines, aliases, broken, problems);
    }

    /** The lowercase name before the colon when it is a valid one, for duplicate checks and {@link #broken}. */
    private static Optional<String> name(String line) {
        int colon = line.indexOf(':');
        if (colon < 0 || colon > Address.MAX_LOCAL + 2) {
            return Optional.empty();
        }
        String name = line.substring(0, colon).strip();
        if (name.equals(CATCH_ALL)) {
            return Optional.of(name);
        }
        if (!name.chars().allMatch(c -> c < 0x80)) {
            return Optional.empty();
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return Address.validLocal(lower) ? Optional.of(lower) : Optional.empty();
    }

    private static Alias alias(String line, String domain, int number) throws UserStoreException {
        if (line.length() > MAX_LINE) {
            throw new UserStoreException("is " + line.length() + " characters long; at most " + MAX_LINE
                    + " fit in a line: split the list or use list software");
        }
        if (line.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f || c == 0xFFFD)) {
            throw new UserStoreException("contains a carriage return, a NUL, another control character or bytes"
                    + " that are not UTF-8: rewrite the line");
        }
        int colon = line.indexOf(':');
        if (colon < 0) {
            throw new UserStoreException("has no ':'; write name: target@example.org, other@example.net"
                    + " (or *: target@example.org for the catch-all)");
        }
        Optional<String> name = name(line);
        if (name.isEmpty()) {
            throw new UserStoreException("\"" + Address.printable(line.substring(0, Math.min(colon, 80)).strip())
                    + "\" is not an alias name: use 1 to " + Address.MAX_LOCAL + " of a-z 0-9 . _ + -, or * for"
                    + " the catch-all");
        }
        String rest = line.substring(colon + 1);
        if (rest.isBlank()) {
            throw new UserStoreException(label(name.get(), domain) + " has no targets; write at least one address"
                    + " after the ':'");
        }
        String[] pieces = rest.split(",", -1);
        if (pieces.length > MAX_TARGETS) {
            throw new UserStoreException(label(name.get(), domain) + " has " + pieces.length + " targets; at most "
                    + MAX_TARGETS + " are allowed: use list software for larger lists");
        }
        Set<String> targets = new LinkedHashSet<>();
        for (String piece : pieces) {
            AliasTarget.Parsed target = AliasTarget.parse(piece.strip());
            if (AliasTarget.loopsTo(target, name.get(), domain)) {
                throw new UserStoreException(label(name.get(), domain) + " sends its mail back to itself through "
                        + target + ": remove that target");
            }
            targets.add(target.toString());
        }
        return new Alias(name.get(), List.copyOf(targets), number);
    }

    /** How an alias is named to the admin: {@code name@domain}, {@code *@domain} for the catch-all. */
    static String label(String name, String domain) {
        return name + "@" + domain;
    }

    /** The line the toaster writes for an alias. */
    static String line(String name, List<String> targets) {
        return name + ": " + String.join(", ", targets);
    }

    /** The file's text with the line of {@code name} replaced by {@code targets}, added, or dropped (empty). */
    String with(String name, Optional<List<String>> targets) {
        List<String> out = new ArrayList<>(lines);
        Integer number = aliases.containsKey(name) ? Integer.valueOf(aliases.get(name).line()) : broken.get(name);
        if (number != null && targets.isPresent()) {
            out.set(number - 1, line(name, targets.get()));
        } else if (number != null) {
            out.remove(number - 1);
        } else {
            targets.ifPresent(t -> out.add(line(name, t)));
        }
        StringBuilder text = new StringBuilder();
        out.forEach(l -> text.append(l).append('\n'));
        return text.toString();
    }
}
