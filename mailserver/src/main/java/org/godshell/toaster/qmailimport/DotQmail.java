package org.godshell.toaster.qmailimport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The delivery instructions of one {@code .qmail} file, read the way qmail-local reads them (dot-qmail(5)): a
 * line starting {@code #} is a comment, {@code |} a program, {@code /} or {@code .} an mbox file or (ending in
 * {@code /}) a Maildir, {@code &} or a letter or digit a forward. Broken or hostile lines are
 * {@link LineProblem}s by number; nothing is run and no path outside the domain directory is accepted.
 *
 * @param deliveries the instructions, in file order
 * @param problems   the lines skipped
 */
public record DotQmail(List<Delivery> deliveries, List<LineProblem> problems) {

    /**
     * dot-qmail(5): a forward "must contain a fully qualified domain name; it must not contain extra spaces, angle
     * brackets, or comments". The local part takes RFC 5322 atext and dots; at most 254 characters (RFC 5321
     * §4.5.3.1.3).
     */
    private static final Pattern ADDRESS = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@[A-Za-z0-9-]{1,63}(\\.[A-Za-z0-9-]{1,63})+");

    public DotQmail {
        deliveries = List.copyOf(deliveries);
        problems = List.copyOf(problems);
    }

    /**
     * Parses a {@code .qmail} file found in {@code home} (the domain directory for {@code .qmail-EXT} files, a
     * user's directory for a user's own {@code .qmail}); relative paths are taken from {@code home} and every
     * path must stay inside {@code domainDir}.
     */
    public static DotQmail parse(byte[] bytes, Path domainDir, Path home) throws ImportRefusedException {
        Path root = domainDir.toAbsolutePath().normalize();
        Path base = root.resolve(home).normalize();
        if (!base.startsWith(root)) {
            throw new ImportRefusedException(home + ": not inside the domain directory " + root);
        }
        List<Delivery> deliveries = new ArrayList<>();
        List<LineProblem> problems = new ArrayList<>();
        for (ImportText.Line line : ImportText.lines(bytes)) {
            if (line.text().isEmpty()) {
                problems.add(new LineProblem(line.number(), line.problem(), true));
                continue;
            }
            String text = line.text().get();
            if (text.isBlank() || text.startsWith("#")) {
                continue;
            }
            Optional<Delivery> delivery = delivery(text, root, base);
            if (delivery.isPresent()) {
                deliveries.add(delivery.get());
            } else {
                problems.add(new LineProblem(line.number(), "not a delivery the import can read: "
                        + DotQmailName.printable(text), true));
            }
        }
        return new DotQmail(deliveries, problems);
    }

    private static Optional<Delivery> delivery(String text, Path root, Path base) {
        char first = text.charAt(0);
        if (first == '|') {
            return Optional.of(program(text.substring(1).strip(), root, base));
        }
        if (first == '&') {
            return address(text.substring(1)).map(Delivery.Forward::new);
        }
        if (first == '/' || first == '.') {
            if (!text.endsWith("/")) {
                return Optional.of(new Delivery.NotImported("mbox " + DotQmailName.printable(text),
                        "mbox files are not imported; the toaster delivers to Maildirs only"));
            }
            return inside(root, base, text).map(Delivery.Maildir::new);
        }
        if (Character.isLetterOrDigit(first) && first < 0x80) {
            return address(text).map(Delivery.Forward::new);
        }
        return Optional.empty();
    }

    /** vdelivermail's {@code '' ACTION} arguments, or any other program listed as not imported. */
    private static Delivery program(String command, Path root, Path base) {
        List<String> words = Arrays.asList(command.split("[ \t]+"));
        int at = -1;
        for (int i = 0; i < words.size(); i++) {
            if (words.get(i).equals("vdelivermail") || words.get(i).endsWith("/vdelivermail")) {
                at = i;
            }
        }
        if (at >= 0 && words.size() == at + 3 && words.get(at + 1).equals("''")) {
            Optional<Delivery.CatchAllAction> action = action(words.get(at + 2), root, base);
            if (action.isPresent()) {
                return new Delivery.Vdelivermail(action.get());
            }
        }
        return new Delivery.NotImported("program " + DotQmailName.printable(command),
                "program deliveries are not imported: the toaster never runs a program for an address");
    }

    private static Optional<Delivery.CatchAllAction> action(String word, Path root, Path base) {
        return switch (word) {
            case "bounce-no-mailbox" -> Optional.of(new Delivery.CatchAllAction.Bounce());
            case "delete" -> Optional.of(new Delivery.CatchAllAction.Delete());
            default -> word.startsWith("/")
                    ? inside(root, base, word).map(Delivery.CatchAllAction.MailboxAt::new)
                    : address(word).map(Delivery.CatchAllAction.ForwardTo::new);
        };
    }

    /** A forward target, its domain lowercased; empty when it is not a plain, fully qualified address. */
    static Optional<String> address(String text) {
        if (text.length() > 254 || !ADDRESS.matcher(text).matches()) {
            return Optional.empty();
        }
        int at = text.indexOf('@');
        return Optional.of(text.substring(0, at) + text.substring(at).toLowerCase(Locale.ROOT));
    }

    /** A path taken from {@code base}, relative to {@code root} when strictly inside it without any "..". */
    private static Optional<Path> inside(Path root, Path base, String path) {
        if (Arrays.asList(path.split("/")).contains("..")) {
            return Optional.empty();
        }
        return Vpasswd.inside(root, base.resolve(path).normalize().toString());
    }
}
