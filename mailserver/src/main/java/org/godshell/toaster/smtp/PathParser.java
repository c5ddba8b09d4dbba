package org.godshell.toaster.smtp;

import java.util.Map;
import java.util.Optional;

/**
 * The one RFC 5321 path parser of the project: {@code MAIL FROM:} and {@code RCPT TO:} arguments by the grammar
 * of RFC 5321 §4.1.2 / §4.1.3, with the UTF-8 extensions of RFC 6531 §3.3. It decides syntax only; relaying,
 * badmailfrom and which parameters are supported are decided by the session.
 *
 * <p>Leniency, all of it common client behaviour: "FROM:"/"TO:" in any case, spaces before it and after the
 * colon, runs of spaces between parameters. Source routes are accepted and dropped (RFC 5321 §4.1.1.3 and
 * Appendix C), their domains still checked. Angle brackets are required.
 *
 * <p>Non-ASCII anywhere in the argument is refused with 553 5.6.7 unless the transaction is SMTPUTF8 (RFC 6531
 * §3.4): for MAIL, the server offered SMTPUTF8 and this MAIL carries the SMTPUTF8 parameter; for RCPT, the caller
 * says so. Strictness beyond the grammar: no unquoted backtick, no leading zeros in IPv4 literals, no General
 * address literals, no control, format or unassigned characters in UTF-8 addresses (see {@link AddressSyntax}).
 */
public final class PathParser {

    /** RFC 5321 §4.5.3.1.3: a path is at most 256 octets, brackets included. */
    static final int MAX_PATH = 256;

    private PathParser() {
    }

    /**
     * Parses what follows the verb MAIL, e.g. {@code " FROM:<a@b.example> SIZE=1000"}.
     *
     * @param smtputf8Offered the session advertised SMTPUTF8 in its EHLO reply
     */
    public static MailArguments parseMail(String argument, boolean smtputf8Offered) throws PathException {
        int i = keyword(argument, "FROM:", Replies.MAIL_SYNTAX);
        Optional<Mailbox> sender;
        int end;
        if (argument.startsWith("<>", i)) {
            sender = Optional.empty();
            end = i + 2;
            afterPath(argument, end, Replies.BAD_SENDER_SYNTAX);
        } else {
            PathCursor c = new PathCursor(argument, i, Replies.BAD_SENDER_SYNTAX);
            sender = Optional.of(c.path(false));
            end = c.pos;
        }
        Map<String, String> params = EsmtpParameters.parse(argument, end);
        checkUtf8(argument, smtputf8Offered && params.containsKey("SMTPUTF8"));
        String size = params.get("SIZE");
        // RFC 1870 §3: size-value = 1*20DIGIT; RFC 6531 §3.4: SMTPUTF8 takes no value.
        if (params.containsKey("SIZE") && (size == null || size.length() > 20 || !size.chars().allMatch(
                ch -> ch >= '0' && ch <= '9'))) {
            throw new PathException(Replies.SYNTAX, "bad SIZE value");
        }
        if (params.containsKey("SMTPUTF8") && params.get("SMTPUTF8") != null) {
            throw new PathException(Replies.SYNTAX, "SMTPUTF8 takes no value");
        }
        return new MailArguments(sender, params);
    }

    /**
     * Parses what follows the verb RCPT, e.g. {@code " TO:<c@d.example>"}. The bare {@code <postmaster>}, any case,
     * gives {@code Mailbox("postmaster", "")} (RFC 5321 §4.1.1.3).
     *
     * @param smtputf8 this transaction is SMTPUTF8: it was offered and the MAIL command asked for it
     *                 ({@code offered && mail.smtputf8()}); only then may the recipient be non-ASCII
     */
    public static RcptArguments parseRcpt(String argument, boolean smtputf8) throws PathException {
        int i = keyword(argument, "TO:", Replies.RCPT_SYNTAX);
        PathCursor c = new PathCursor(argument, i, Replies.BAD_RECIPIENT_SYNTAX);
        Mailbox recipient = c.path(true);
        Map<String, String> params = EsmtpParameters.parse(argument, c.pos);
        checkUtf8(argument, smtputf8);
        return new RcptArguments(recipient, params);
    }

    /** Skips spaces, the keyword in any case, and spaces after its colon; returns where the path starts. */
    private static int keyword(String s, String keyword, Reply missing) throws PathException {
        int i = 0;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        if (!s.regionMatches(true, i, keyword, 0, keyword.length())) {
            throw new PathException(missing, "expected " + keyword);
        }
        i += keyword.length();
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    static void afterPath(String s, int end, Reply bad) throws PathException {
        if (end < s.length() && s.charAt(end) != ' ') {
            throw new PathException(bad, "junk after '>'");
        }
    }

    private static void checkUtf8(String argument, boolean allowed) throws PathException {
        if (!allowed && !argument.chars().allMatch(ch -> ch < 0x80)) {
            throw new PathException(Replies.EIGHT_BIT_NEEDS_SMTPUTF8, "non-ASCII without SMTPUTF8");
        }
    }
}
