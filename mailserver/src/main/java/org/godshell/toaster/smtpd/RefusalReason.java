package org.godshell.toaster.smtpd;

import java.util.Map;
import org.godshell.toaster.smtp.Replies;
import org.godshell.toaster.smtp.Reply;
import org.godshell.toaster.spp.SppSession;

/**
 * Why the server refused something, as one word for the log and for {@code toaster stats}: the check behind a
 * reply of {@link Replies}, {@code plugin} for a reply a plugin gave, {@code other} for the rest. Words, never the
 * reply's text, so that a refusal line carries nothing a client or a plugin wrote.
 */
final class RefusalReason {

    /** The words admins know from qmail's control files and the Postfix logs, by the reply each check gives. */
    private static final Map<Reply, String> WORDS = Map.ofEntries(
            Map.entry(Replies.NOT_IN_RCPTHOSTS, "rcpthosts"),
            Map.entry(Replies.BADMAILFROM, "badmailfrom"),
            Map.entry(Replies.BADRCPTTO, "badrcptto"),
            Map.entry(Replies.NO_MAILBOX, "nomailbox"),
            Map.entry(Replies.SOURCE_ROUTE, "sourceroute"),
            Map.entry(Replies.RECIPIENTS_UNREADABLE, "userstore"),
            Map.entry(Replies.TOO_MANY_RECIPIENTS, "maxrcpt"),
            Map.entry(Replies.TOO_BIG, "size"),
            Map.entry(Replies.LOOP, "loop"),
            Map.entry(Replies.DATA_BARE_LINE_ENDING, "barelf"),
            Map.entry(Replies.DATA_LINE_TOO_LONG, "longline"),
            Map.entry(Replies.DATA_NUL, "nul"),
            Map.entry(Replies.EIGHT_BIT_NEEDS_SMTPUTF8, "8bit"),
            Map.entry(Replies.QUEUE_FAILED, "queue"),
            Map.entry(Replies.DISK_FULL, "diskfull"),
            Map.entry(Replies.CHECKS_FAILED, "checkfailed"),
            Map.entry(Replies.AUTH_REQUIRED, "authrequired"),
            Map.entry(Replies.SYNTAX, "syntax"),
            Map.entry(Replies.BAD_ARGUMENTS, "syntax"),
            Map.entry(Replies.MAIL_SYNTAX, "syntax"),
            Map.entry(Replies.RCPT_SYNTAX, "syntax"),
            Map.entry(Replies.BAD_SENDER_SYNTAX, "syntax"),
            Map.entry(Replies.BAD_RECIPIENT_SYNTAX, "syntax"),
            Map.entry(Replies.MAIL_FIRST, "sequence"),
            Map.entry(Replies.RCPT_FIRST, "sequence"),
            Map.entry(Replies.NESTED_MAIL, "sequence"),
            Map.entry(Replies.EHLO_FIRST, "sequence"),
            Map.entry(Replies.TALKED_FIRST, "earlytalker"),
            Map.entry(Replies.DENIED_BY_RULE, "tcprules"));

    /** What the message checks (DKIM, SPF, DMARC, filters) refused after the final dot. */
    static final String CHECKS = "checks";

    private RefusalReason() {
    }

    /** The word for {@code reply}; {@code spp} tells whether a plugin gave it. */
    static String of(Reply reply, SppSession spp) {
        if (spp.gave(reply)) {
            return "plugin";
        }
        return WORDS.getOrDefault(reply, "other");
    }
}
