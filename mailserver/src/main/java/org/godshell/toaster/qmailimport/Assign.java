package org.godshell.toaster.qmailimport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * vpopmail's {@code users/assign} (qmail-users(5)), the {@code +prefix-} lines only: {@code
 * +example.com-:example.com:89:89:/home/vpopmail/domains/example.com:-::} for a domain, and {@code
 * +alias.com-:example.com:89:89:/home/vpopmail/domains/example.com:-::} for a domain alias (vpopmail's
 * {@code vaddaliasdomain}): the user field names the real domain, the directory is the real domain's. Exact
 * {@code =user} lines and the final {@code .} are not vpopmail's domains and are ignored.
 *
 * @param entries  the domain entries, in file order
 * @param problems the lines left out, by number
 */
public record Assign(List<Entry> entries, List<LineProblem> problems) {

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._+-]{1,253}");

    /**
     * One {@code +prefix-} line.
     *
     * @param prefix the key without {@code +} and the final {@code -}: what virtualdomains names
     * @param domain the user field: the real domain's name, lowercased
     * @param dir    the domain directory, relative to vpopmail's {@code domains/}
     */
    public record Entry(int line, String prefix, String domain, Path dir) {
    }

    public Assign {
        entries = List.copyOf(entries);
        problems = List.copyOf(problems);
    }

    /** {@code domainsDir}: vpopmail's {@code domains/}; every directory must lie inside it. */
    public static Assign parse(byte[] bytes, Path domainsDir) throws ImportRefusedException {
        Path root = domainsDir.toAbsolutePath().normalize();
        List<Entry> entries = new ArrayList<>();
        List<LineProblem> problems = new ArrayList<>();
        for (ImportText.Line line : ImportText.lines(bytes)) {
            if (line.text().isEmpty()) {
                problems.add(new LineProblem(line.number(), line.problem(), true));
                continue;
            }
            String text = line.text().get();
            if (!text.startsWith("+")) {
                continue;
            }
            entry(line.number(), text, root).ifPresentOrElse(entries::add, () -> problems.add(new LineProblem(
                    line.number(), "not a +prefix-:domain:uid:gid:dir:-:: line with a directory inside " + root,
                    true)));
        }
        return new Assign(entries, problems);
    }

    private static Optional<Entry> entry(int number, String text, Path root) {
        String[] fields = text.split(":", -1);
        if (fields.length < 7 || !fields[0].endsWith("-") || fields[0].length() < 3) {
            return Optional.empty();
        }
        String prefix = fields[0].substring(1, fields[0].length() - 1);
        String domain = fields[1].toLowerCase(Locale.ROOT);
        if (!PREFIX.matcher(prefix).matches() || domain.length() > 253
                || !VirtualDomains.DOMAIN.matcher(domain).matches()) {
            return Optional.empty();
        }
        return Vpasswd.inside(root, fields[4]).map(dir -> new Entry(number, prefix, domain, dir));
    }
}
