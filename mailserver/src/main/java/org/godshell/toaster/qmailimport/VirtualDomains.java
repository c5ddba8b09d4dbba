package org.godshell.toaster.qmailimport;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * qmail's {@code control/virtualdomains}: {@code domain:prefix} a line (qmail-send(8), "virtualdomains"); vpopmail
 * writes {@code example.com:example.com} for a domain and {@code alias.com:example.com} for a domain alias (the same
 * prefix, so the same {@code users/assign} entry and directory). Single-address entries ({@code user@domain:prefix})
 * and wildcards ({@code .domain:prefix}) are problems: the toaster has neither.
 *
 * @param entries  the domain entries, in file order
 * @param problems the lines left out, by number
 */
public record VirtualDomains(List<Entry> entries, List<LineProblem> problems) {

    /** A DNS name as the toaster's domains are: ASCII labels, lowercase after reading. */
    static final Pattern DOMAIN = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}"
            + "[a-z0-9])?)*");
    /** What vpopmail puts after the colon: a domain name, or any qmail-users key without separators. */
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._+-]{1,253}");

    /** One line: {@code domain}'s mail goes to the qmail-users entry {@code +prefix-}. */
    public record Entry(int line, String domain, String prefix) {
    }

    public VirtualDomains {
        entries = List.copyOf(entries);
        problems = problems.stream().sorted(Comparator.comparingInt(LineProblem::line)).toList();
    }

    public static VirtualDomains parse(byte[] bytes) throws ImportRefusedException {
        List<Entry> entries = new ArrayList<>();
        List<LineProblem> problems = new ArrayList<>();
        for (ImportText.Meaningful line : ImportText.meaningful(bytes, problems)) {
            String text = line.text();
            int colon = text.indexOf(':');
            if (colon < 0) {
                problems.add(new LineProblem(line.number(), "no colon: a line is domain:prefix", true));
                continue;
            }
            String domain = text.substring(0, colon).toLowerCase(Locale.ROOT);
            String prefix = text.substring(colon + 1);
            if (domain.contains("@")) {
                problems.add(new LineProblem(line.number(), "a single-address entry ("
                        + DotQmailName.printable(domain) + "): not imported, the toaster has no such routing;"
                        + " add a user or an alias instead", true));
            } else if (domain.startsWith(".")) {
                problems.add(new LineProblem(line.number(), "a wildcard for every subdomain of "
                        + DotQmailName.printable(domain.substring(1)) + ": not imported, toaster domains are"
                        + " exact names", true));
            } else if (!domain.isEmpty() && domain.length() <= 253 && DOMAIN.matcher(domain).matches()
                    && PREFIX.matcher(prefix).matches()) {
                entries.add(new Entry(line.number(), domain, prefix));
            } else {
                problems.add(new LineProblem(line.number(), "not a domain:prefix line the import can read: "
                        + DotQmailName.printable(text), true));
            }
        }
        return new VirtualDomains(entries, problems);
    }

    /** A one-domain-a-line file ({@code locals}, {@code rcpthosts}, {@code morercpthosts}), read the same way. */
    public static VirtualDomains names(byte[] bytes) throws ImportRefusedException {
        List<Entry> entries = new ArrayList<>();
        List<LineProblem> problems = new ArrayList<>();
        for (ImportText.Line line : ImportText.lines(bytes)) {
            if (line.text().isEmpty()) {
                problems.add(new LineProblem(line.number(), line.problem(), true));
                continue;
            }
            String text = line.text().get().strip().toLowerCase(Locale.ROOT);
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            if (text.startsWith(".")) {
                problems.add(new LineProblem(line.number(), "a wildcard for every subdomain of "
                        + DotQmailName.printable(text.substring(1)) + ": not imported, toaster domains are exact"
                        + " names (add the line to control/rcpthosts by hand if the toaster should relay for them)",
                        true));
            } else if (text.length() <= 253 && DOMAIN.matcher(text).matches()) {
                entries.add(new Entry(line.number(), text, text));
            } else {
                problems.add(new LineProblem(line.number(), "not a domain name: " + DotQmailName.printable(text),
                        true));
            }
        }
        return new VirtualDomains(entries, problems);
    }
}
