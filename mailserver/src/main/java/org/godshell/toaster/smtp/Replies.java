package org.godshell.toaster.smtp;

import java.util.ArrayList;
import java.util.List;

/**
 * The replies of the toaster's SMTP server. Where qmail-smtpd (or the common qmail STARTTLS/AUTH patches) has a
 * reply, the text is qmail's, word for word, so that admins' scripts and habits keep working; the enhanced code
 * (RFC 3463) in front is ours and is only sent when ENHANCEDSTATUSCODES was advertised.
 */
public final class Replies {

    // Transaction, RFC 5321 §4.1.1 and qmail-smtpd.
    public static final Reply OK = Reply.of(250, "2.0.0", "ok");
    public static final Reply MAIL_OK = Reply.of(250, "2.1.0", "ok");
    public static final Reply RCPT_OK = Reply.of(250, "2.1.5", "ok");
    public static final Reply RSET_OK = Reply.of(250, "2.0.0", "flushed");
    /** RFC 2034 §3: the 354 intermediate reply carries no enhanced code. */
    public static final Reply DATA_GO_AHEAD = Reply.of(354, null, "go ahead");
    public static final Reply VRFY = Reply.of(252, "2.1.5", "send some mail, i'll try my best");
    public static final Reply HELP = Reply.multi(214, "2.0.0", List.of(
            "this is the godshell toaster, an RFC 5321 mail server",
            "commands: HELO EHLO MAIL RCPT DATA RSET NOOP VRFY HELP QUIT"));

    // Sequence and syntax, RFC 5321 §4.2.2 / §4.3.2.
    public static final Reply MAIL_FIRST = Reply.of(503, "5.5.1", "MAIL first (#5.5.1)");
    public static final Reply RCPT_FIRST = Reply.of(503, "5.5.1", "RCPT first (#5.5.1)");
    public static final Reply NESTED_MAIL = Reply.of(503, "5.5.1", "nested MAIL command (#5.5.1)");
    /** Bad or unknown MAIL/RCPT parameters (RFC 5321 §4.1.1.11: 555). */
    public static final Reply SYNTAX = Reply.of(555, "5.5.4", "syntax error (#5.5.4)");
    /** A command whose arguments are wrong, e.g. HELO without a domain or NOOP with junk. */
    public static final Reply BAD_ARGUMENTS = Reply.of(501, "5.5.4", "syntax error in arguments (#5.5.4)");
    public static final Reply MAIL_SYNTAX =
            Reply.of(501, "5.5.4", "syntax error, expected MAIL FROM:<address> (#5.5.4)");
    public static final Reply RCPT_SYNTAX = Reply.of(501, "5.5.4", "syntax error, expected RCPT TO:<address> (#5.5.4)");
    /** RFC 3463 X.1.7: bad sender's mailbox address syntax. */
    public static final Reply BAD_SENDER_SYNTAX = Reply.of(501, "5.1.7", "bad sender address syntax (#5.1.7)");
    /** RFC 3463 X.1.3: bad destination mailbox address syntax. */
    public static final Reply BAD_RECIPIENT_SYNTAX = Reply.of(501, "5.1.3", "bad recipient address syntax (#5.1.3)");
    public static final Reply UNIMPLEMENTED = Reply.of(502, "5.5.1", "unimplemented (#5.5.1)");
    public static final Reply UNRECOGNIZED = Reply.of(500, "5.5.1", "unrecognized command (#5.5.1)");

    // Strict input (DESIGN.md principle 5, spec/hostile-input.md).
    /** RFC 5321 §4.5.3.1.4: command lines are at most 512 octets including CRLF. */
    public static final Reply LINE_TOO_LONG = Reply.of(500, "5.5.2", "line too long (#5.5.2)");
    public static final Reply BARE_LINE_ENDING = Reply.of(500, "5.5.2", "lines must end with CRLF (#5.5.2)");
    public static final Reply NUL = Reply.of(500, "5.5.2", "NUL byte in command (#5.5.2)");
    public static final Reply MALFORMED = Reply.of(500, "5.5.2", "command is not valid UTF-8 (#5.5.2)");
    /** RFC 6531 §3.2: non-ASCII in an address is only allowed in an SMTPUTF8 transaction. */
    public static final Reply EIGHT_BIT_NEEDS_SMTPUTF8 =
            Reply.of(553, "5.6.7", "non-ASCII address needs SMTPUTF8 (#5.6.7)");
    /** SMTP smuggling defence: only CRLF ends a line inside DATA. */
    public static final Reply DATA_BARE_LINE_ENDING =
            Reply.of(554, "5.6.0", "message contains a bare CR or LF, refused (#5.6.0)");
    /** RFC 5321 §4.5.3.1.6: text lines are at most 1000 octets including CRLF. */
    public static final Reply DATA_LINE_TOO_LONG =
            Reply.of(554, "5.6.0", "message has a line longer than 1000 bytes (#5.6.0)");
    public static final Reply DATA_NUL = Reply.of(554, "5.6.0", "message contains a NUL byte, refused (#5.6.0)");

    // Policy outcomes decided elsewhere, texts from qmail-smtpd.
    public static final Reply NOT_IN_RCPTHOSTS =
            Reply.of(553, "5.7.1", "sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)");
    public static final Reply BADMAILFROM =
            Reply.of(553, "5.7.1", "sorry, your envelope sender is in my badmailfrom list (#5.7.1)");
    public static final Reply BADRCPTTO =
            Reply.of(553, "5.7.1", "sorry, your envelope recipient is in my badrcptto list (#5.7.1)");
    /** RFC 3463 X.1.1: no such mailbox at one of our domains; the text is the chkuser plugin's. */
    public static final Reply NO_MAILBOX = Reply.of(550, "5.1.1", "sorry, no mailbox here by that name (#5.1.1)");
    /** RFC 5321 Appendix C: {@code %} and {@code !} routes in a local part are not honoured, so not accepted. */
    public static final Reply SOURCE_ROUTE =
            Reply.of(553, "5.7.1", "sorry, no % or ! routing in addresses of my domains (#5.7.1)");
    public static final Reply TOO_BIG =
            Reply.of(552, "5.3.4", "sorry, that message size exceeds my databytes limit (#5.3.4)");
    /** RFC 5321 §6.3: more than 100 Received headers means a loop. */
    public static final Reply LOOP = Reply.of(554, "5.4.6", "too many hops, this message is looping (#5.4.6)");
    /** RFC 5321 §4.5.3.1.8: 452 so the client retries the remaining recipients in another transaction. */
    public static final Reply TOO_MANY_RECIPIENTS = Reply.of(452, "4.5.3", "too many recipients (#4.5.3)");

    // Temporary failures on our side.
    public static final Reply TIMEOUT = Reply.of(451, "4.4.2", "timeout (#4.4.2)");
    public static final Reply UNABLE_TO_READ_CONTROLS = Reply.of(421, "4.3.0", "unable to read controls (#4.3.0)");
    public static final Reply QUEUE_FAILED = Reply.of(451, "4.3.0", "qq write error or disk full (#4.3.0)");
    public static final Reply RECIPIENTS_UNREADABLE =
            Reply.of(451, "4.3.0", "temporary problem checking recipients, please try again later (#4.3.0)");
    /** A check of the whole message (DKIM, DMARC) broke: the message is neither lost nor passed unchecked. */
    public static final Reply CHECKS_FAILED = Reply.of(451, "4.3.0", "temporary problem checking the message, "
            + "please try again later (#4.3.0)");
    public static final Reply DISK_FULL = Reply.of(452, "4.3.1", "insufficient system storage (#4.3.1)");

    /** RFC 3207 §4: the go-ahead for the TLS handshake. */
    public static final Reply READY_FOR_TLS = Reply.of(220, "2.0.0", "ready to start TLS");
    /** RFC 3207 §4: STARTTLS inside a TLS session. */
    public static final Reply ALREADY_TLS = Reply.of(503, "5.5.1", "TLS already active (#5.5.1)");

    // SMTP AUTH (RFC 4954 §6, RFC 3463, RFC 5248).
    public static final Reply AUTH_OK = Reply.of(235, "2.7.0", "authentication successful");
    /** RFC 4954 §6: the users could not be asked (a user database that is down); try again later. */
    public static final Reply AUTH_UNAVAILABLE = Reply.of(454, "4.7.0", "temporary authentication failure, please"
            + " try again later (#4.7.0)");
    public static final Reply AUTH_FAILED = Reply.of(535, "5.7.8", "authentication failed (#5.7.8)");
    public static final Reply AUTH_ALREADY = Reply.of(503, "5.5.1", "already authenticated (#5.5.1)");
    public static final Reply AUTH_CANCELLED = Reply.of(501, "5.0.0", "auth exchange cancelled (#5.0.0)");
    public static final Reply AUTH_MALFORMED = Reply.of(501, "5.5.2", "malformed auth input (#5.5.2)");
    public static final Reply AUTH_MECHANISM = Reply.of(504, "5.5.4", "unrecognized authentication type (#5.5.4)");
    public static final Reply AUTH_NEEDS_TLS = Reply.of(538, "5.7.11",
            "encryption required for requested authentication mechanism (#5.7.11)");
    public static final Reply AUTH_REQUIRED = Reply.of(530, "5.7.0", "authentication required (#5.7.0)");
    public static final Reply AUTH_BLOCKED = Reply.of(421, "4.7.0", "too many failed logins, try again later (#4.7.0)");
    /** Postfix's smtpd_hard_error_limit: a client that only gets errors is broken or probing. */
    public static final Reply TOO_MANY_ERRORS = Reply.of(421, "4.7.0", "too many errors (#4.7.0)");
    public static final Reply EHLO_FIRST = Reply.of(503, "5.5.1", "EHLO first (#5.5.1)");
    public static final Reply AUTH_IN_TRANSACTION = Reply.of(503, "5.5.1", "no AUTH during a mail transaction (#5.5.1)");

    /** A client that sends before the greeting is a spam engine, not an MTA (RFC 5321 §3.1 says wait). */
    public static final Reply TALKED_FIRST =
            Reply.of(554, "5.5.1", "you talked before my greeting, goodbye (#5.5.1)");
    /** A tcp.smtp rule denies the client's address; RFC 5321 §3.1 allows 554 as the opening reply. */
    public static final Reply DENIED_BY_RULE =
            Reply.of(554, "5.7.1", "sorry, connections from your address are not accepted here (#5.7.1)");

    private Replies() {
    }

    /** {@code 220 <text> ESMTP}, no enhanced code on the greeting (RFC 2034 §3). */
    public static Reply greeting(String text) {
        return Reply.of(220, null, text + " ESMTP");
    }

    /** {@code 250 <me>}, the HELO reply; no enhanced code (RFC 2034 §3). */
    public static Reply helo(String me) {
        return Reply.of(250, null, me);
    }

    /** The EHLO reply: {@code me} on the first line, then one line per extension keyword (RFC 5321 §4.1.1.1). */
    public static Reply ehlo(String me, List<String> extensions) {
        List<String> lines = new ArrayList<>(extensions.size() + 1);
        lines.add(me);
        lines.addAll(extensions);
        return Reply.multi(250, null, lines);
    }

    /** {@code 250 2.0.0 ok <unixTime> qp <queueId>}, said only once the message is durable. */
    public static Reply queued(long unixTime, String queueId) {
        return Reply.of(250, "2.0.0", "ok " + unixTime + " qp " + queueId);
    }

    /** {@code 221 2.0.0 <me>}, the QUIT reply. */
    public static Reply closing(String me) {
        return Reply.of(221, "2.0.0", me);
    }

    /** {@code 421 4.3.2 <me> <why>}: the service is going away (RFC 5321 §3.8). */
    public static Reply serviceUnavailable(String me, String why) {
        return Reply.of(421, "4.3.2", me + " " + why);
    }
}
