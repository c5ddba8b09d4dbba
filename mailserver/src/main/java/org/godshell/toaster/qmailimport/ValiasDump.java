package org.godshell.toaster.qmailimport;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A dump of vpopmail's valias table (MySQL or cdb backends keep aliases there, not in {@code .qmail} files), as
 * {@code valias -s DOMAIN} prints it: {@code alias@domain -> target} a line, one line per target, the target
 * written as a {@code .qmail} line ({@code &addr}, {@code addr}, {@code /.../Maildir/}, {@code |program}).
 *
 * @param entries  the lines read, in file order
 * @param problems the lines left out, by number
 */
public record ValiasDump(List<Entry> entries, List<LineProblem> problems) {

    private static final String ARROW = " -> ";

    /** One target of {@code local@domain}, as the {@code .qmail} line it is. */
    public record Entry(int line, String local, String domain, String target) {
    }

    public ValiasDump {
        entries = List.copyOf(entries);
        problems = problems.stream().sorted(Comparator.comparingInt(LineProblem::line)).toList();
    }

    public static ValiasDump parse(byte[] bytes) throws ImportRefusedException {
        List<Entry> entries = new ArrayList<>();
        List<LineProblem> problems = new ArrayList<>();
        for (ImportText.Meaningful line : ImportText.meaningful(bytes, problems)) {
            String text = line.text();
            int arrow = text.indexOf(ARROW);
            int at = arrow < 0 ? -1 : text.lastIndexOf('@', arrow);
            if (at <= 0) {
                problems.add(new LineProblem(line.number(), "not an alias@domain -> target line", true));
                continue;
            }
            String local = text.substring(0, at).toLowerCase(Locale.ROOT);
            String domain = text.substring(at + 1, arrow).toLowerCase(Locale.ROOT);
            String target = text.substring(arrow + ARROW.length()).strip();
            if (!DotQmailName.LOCAL_PART.matcher(local).matches() || local.contains("..") || local.endsWith(".")) {
                problems.add(new LineProblem(line.number(), "the alias " + DotQmailName.printable(local)
                        + " is not one the toaster's aliases accept (a-z 0-9 . _ + -, at most 64)", true));
            } else if (domain.length() > 253 || !VirtualDomains.DOMAIN.matcher(domain).matches()) {
                problems.add(new LineProblem(line.number(), "not a domain name: " + DotQmailName.printable(domain),
                        true));
            } else if (target.isEmpty()) {
                problems.add(new LineProblem(line.number(), "no target after ->", true));
            } else {
                entries.add(new Entry(line.number(), local, domain, target));
            }
        }
        return new ValiasDump(entries, problems);
    }
}
