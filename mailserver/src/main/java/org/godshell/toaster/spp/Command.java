package org.godshell.toaster.spp;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of a plugin's output (qmail-spp.md §4), parsed. Texts that go to the client are checked here: they
 * must begin with a reply code, and a refusal ({@code E}, {@code R}, {@code L*}) must carry a 4xx or 5xx code,
 * so that no plugin output can make a refusal look like an acceptance.
 */
sealed interface Command {

    /** {@code A}: accept the command and turn plugins off for the rest of the session. */
    record Accept() implements Command {}

    /** {@code N}: accept; no more plugins for this command; the server's own checks still apply. */
    record Next() implements Command {}

    /** {@code O}: as N, and skip the server's own checks (badmailfrom at MAIL, rcpthosts/relay at RCPT). */
    record Ok() implements Command {}

    /** {@code E}: refuse the command with this reply line. */
    record Error(ReplyLine reply) implements Command {}

    /** {@code R}: send this reply line and close the connection. */
    record Reject(ReplyLine reply) implements Command {}

    /** {@code D}: close the connection without a word. */
    record Drop() implements Command {}

    /** {@code P}: a line of a multi-line reply, sent before the command's final reply. */
    record Print(ReplyLine line) implements Command {}

    /** {@code LM}, {@code LR}, {@code LD}: refuse every later MAIL, RCPT or DATA with this reply line. */
    record Later(Section section, ReplyLine reply) implements Command {}

    /** {@code Svar=value}: set a session variable. */
    record Set(String name, String value) implements Command {}

    /** {@code Uvar}: unset a session variable. */
    record Unset(String name) implements Command {}

    /** {@code Htext}: add a header line to the message. */
    record Header(String line) implements Command {}

    /** {@code Caddress}: replace the address of the current MAIL or RCPT. */
    record Change(String address) implements Command {}

    /**
     * {@code Q[text]}: quarantine, in {@code [body]} only: the message is accepted into its recipients' Junk
     * folder; the text is for the log. It does not end the section: a later plugin may still refuse.
     */
    record Quarantine(String note) implements Command {}

    /** The commands after which qmail-spp reads no more of a plugin's output (qmail-spp.md §4). */
    default boolean endsOutput() {
        return switch (this) {
            case Accept a -> true;
            case Next n -> true;
            case Ok o -> true;
            case Error e -> true;
            case Reject r -> true;
            case Drop d -> true;
            case Print p -> false;
            case Later l -> false;
            case Set s -> false;
            case Unset u -> false;
            case Header h -> false;
            case Change c -> false;
            case Quarantine q -> false;
        };
    }

    /**
     * The commands of one run's output, in order, up to the first that ends it (the lines after it are not
     * read); empty lines are skipped. All or nothing: a plugin whose output has one bad line fails as a whole,
     * so none of its lines has been applied when it fails.
     *
     * @throws Garbage at the first line that is not a command, or is one that {@code section} does not take
     */
    static List<Command> parseAll(List<String> lines, Section section) throws Garbage {
        List<Command> commands = new ArrayList<>();
        for (String line : lines) {
            if (line.isEmpty()) {
                continue;
            }
            Command command = parse(line);
            if (command instanceof Quarantine && section != Section.BODY) {
                throw new Garbage("Q (quarantine) only works in [body], where the whole message is known; "
                        + "this is [" + section.label() + "]");
            }
            commands.add(command);
            if (command.endsOutput()) {
                break;
            }
        }
        return commands;
    }

    /**
     * Parses one non-empty output line.
     *
     * @throws Garbage when the line is not a command, with the reason
     */
    static Command parse(String line) throws Garbage {
        char letter = line.charAt(0);
        String rest = line.substring(1);
        return switch (letter) {
            case 'A' -> new Accept();
            case 'N' -> new Next();
            case 'O' -> new Ok();
            case 'D' -> new Drop();
            case 'E' -> new Error(ReplyLine.refusal(rest));
            case 'R' -> new Reject(ReplyLine.refusal(rest));
            case 'P' -> new Print(ReplyLine.continuation(rest));
            case 'L' -> later(rest);
            case 'S' -> set(rest);
            case 'U' -> new Unset(variable(rest));
            case 'H' -> new Header(header(rest));
            case 'C' -> new Change(rest.strip());
            case 'Q' -> new Quarantine(rest.strip());
            default -> throw new Garbage("unknown command '" + printable(line) + "'");
        };
    }

    private static Command later(String rest) throws Garbage {
        if (rest.isEmpty()) {
            throw new Garbage("L without M, R or D");
        }
        Section section = switch (rest.charAt(0)) {
            case 'M' -> Section.MAIL;
            case 'R' -> Section.RCPT;
            case 'D' -> Section.DATA;
            default -> throw new Garbage("L" + rest.charAt(0) + " is not LM, LR or LD");
        };
        return new Later(section, ReplyLine.refusal(rest.substring(1)));
    }

    private static Command set(String rest) throws Garbage {
        int eq = rest.indexOf('=');
        if (eq < 0) {
            throw new Garbage("S without '=': write Sname=value");
        }
        return new Set(variable(rest.substring(0, eq)), rest.substring(eq + 1));
    }

    private static String variable(String name) throws Garbage {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new Garbage("'" + printable(name) + "' is not a variable name");
        }
        return name;
    }

    /** A header line: a field name, a colon, printable text (RFC 5322 §2.2); no way to start a body. */
    private static String header(String text) throws Garbage {
        if (!text.matches("[!-9;-~]+:[^\\x00-\\x08\\x0a-\\x1f\\x7f]*")) {
            throw new Garbage("H needs 'Name: value', got '" + printable(text) + "'");
        }
        return text;
    }

    static String printable(String text) {
        String cut = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return cut.replaceAll("[\\x00-\\x1f\\x7f]", "?");
    }

    /** A plugin line that is not a command: the plugin fails, and the client gets 451. */
    final class Garbage extends Exception {

        @java.io.Serial
        private static final long serialVersionUID = 1L;

        Garbage(String reason) {
            super(reason);
        }
    }
}
