package org.godshell.toaster.spp;

import org.godshell.toaster.smtp.Reply;

/**
 * A reply line as a plugin wrote it, sent as written (qmail-spp.md §4: "nothing is added"): a three-digit code,
 * then a space (a final line) or a hyphen (a continuation, for {@code P}), then text.
 */
record ReplyLine(int code, String text) {

    /** For E, R and L: a final line with a 4xx or 5xx code. */
    static ReplyLine refusal(String raw) throws Command.Garbage {
        ReplyLine line = parse(raw, ' ');
        if (line.code < 400) {
            throw new Command.Garbage("a refusal needs a 4xx or 5xx code, got " + line.code);
        }
        return line;
    }

    /** For P: a continuation line, {@code 250-text}. */
    static ReplyLine continuation(String raw) throws Command.Garbage {
        return parse(raw, '-');
    }

    private static ReplyLine parse(String raw, char separator) throws Command.Garbage {
        boolean codeOnly = raw.length() == 3 && separator == ' ';
        if (raw.length() < 3 || !raw.substring(0, 3).matches("[2-5][0-9][0-9]")
                || !codeOnly && (raw.length() < 4 || raw.charAt(3) != separator)) {
            throw new Command.Garbage("'" + Command.printable(raw) + "' is not a reply line like '550"
                    + separator + "text'");
        }
        String text = codeOnly ? "" : raw.substring(4);
        if (text.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
            throw new Command.Garbage("control character in reply text");
        }
        return new ReplyLine(Integer.parseInt(raw.substring(0, 3)), text);
    }

    /** The line as a {@link Reply}, with no enhanced code added: the text carries the plugin's own. */
    Reply reply() {
        return Reply.of(code, null, text);
    }
}
