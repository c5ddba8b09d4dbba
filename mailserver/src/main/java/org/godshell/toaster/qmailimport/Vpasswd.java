package org.godshell.toaster.qmailimport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A vpopmail {@code domains/<domain>/vpasswd}: {@code name:hash:uid:gid:gecos:dir:quota:cleartext} a line (older
 * vpopmail wrote seven fields, without the clear text). A broken line is a {@link LineProblem} with its number and
 * the others are still read; a file over the {@link ImportText} limits is refused whole.
 *
 * @param entries  the usable users, in file order
 * @param problems the lines skipped or imported with something left off
 */
public record Vpasswd(List<VpasswdEntry> entries, List<LineProblem> problems) {

    /** The user names vpopmail's vadduser accepts, and the toaster's own user-name characters. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._+-]{0,63}");
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,9}");

    public Vpasswd {
        entries = List.copyOf(entries);
        problems = List.copyOf(problems);
    }

    /**
     * Parses a vpasswd's bytes. {@code domainDir} is the domain's directory as vpopmail named it
     * ({@code /home/vpopmail/domains/example.com}); every user's directory must lie inside it.
     */
    public static Vpasswd parse(byte[] bytes, Path domainDir) throws ImportRefusedException {
        Path root = domainDir.toAbsolutePath().normalize();
        List<VpasswdEntry> entries = new ArrayList<>();
        List<LineProblem> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ImportText.Line line : ImportText.lines(bytes)) {
            if (line.text().isEmpty()) {
                problems.add(new LineProblem(line.number(), line.problem(), true));
            } else if (!line.text().get().isBlank()) {
                entry(line.number(), line.text().get(), root, seen, problems).ifPresent(entries::add);
            }
        }
        return new Vpasswd(entries, problems);
    }

    private static Optional<VpasswdEntry> entry(int number, String text, Path root, Set<String> seen,
            List<LineProblem> problems) {
        String[] fields = text.split(":", -1);
        if (fields.length != 7 && fields.length != 8) {
            return skip(problems, number, fields.length + " fields; vpasswd lines have 7 or 8"
                    + " (name:hash:uid:gid:gecos:dir:quota[:cleartext])");
        }
        String name = fields[0].toLowerCase(Locale.ROOT);
        if (!NAME.matcher(name).matches()) {
            return skip(problems, number, "the user name is empty, too long or has characters other than"
                    + " a-z 0-9 . _ + -");
        }
        if (!seen.add(name)) {
            return skip(problems, number, "a second line for user " + name + "; the first one counts");
        }
        if (!NUMBER.matcher(fields[2]).matches() || !NUMBER.matcher(fields[3]).matches()) {
            return skip(problems, number, "user " + name + ": the uid or gid field is not a number");
        }
        Optional<Path> dir = inside(root, fields[5]);
        if (dir.isEmpty()) {
            return skip(problems, number, "user " + name + ": the directory is not inside " + root);
        }
        Optional<VpopQuota> quota = VpopQuota.parse(fields[6]);
        if (quota.isEmpty()) {
            problems.add(new LineProblem(number, "user " + name + ": the quota field is not NONE, NNNS, NNNC or"
                    + " NNNS,NNNC; imported without a quota", false));
        }
        return Optional.of(new VpasswdEntry(number, name, OldHash.of(fields[1]), Long.parseLong(fields[2]),
                Long.parseLong(fields[3]), fields[4], dir.get(), quota));
    }

    /** The directory relative to {@code root}, if it names a directory strictly inside it without any "..". */
    static Optional<Path> inside(Path root, String dir) {
        if (dir.isEmpty() || dir.contains("\\")) {
            return Optional.empty();
        }
        for (String segment : dir.split("/")) {
            if (segment.equals("..")) {
                return Optional.empty();
            }
        }
        Path path = Path.of(dir);
        Path absolute = (path.isAbsolute() ? path : root.resolve(path)).normalize();
        if (!absolute.startsWith(root) || absolute.equals(root)) {
            return Optional.empty();
        }
        return Optional.of(root.relativize(absolute));
    }

    private static Optional<VpasswdEntry> skip(List<LineProblem> problems, int number, String reason) {
        problems.add(new LineProblem(number, reason, true));
        return Optional.empty();
    }
}
