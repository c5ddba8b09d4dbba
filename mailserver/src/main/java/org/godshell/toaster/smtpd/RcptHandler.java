package org.godshell.toaster.smtpd;

import org.godshell.toaster.smtp.Mailbox;
import org.godshell.toaster.smtp.PathException;
import org.godshell.toaster.smtp.PathParser;
import org.godshell.toaster.smtp.RcptArguments;
import org.godshell.toaster.smtp.Replies;
import org.godshell.toaster.smtp.Reply;

/**
 * RCPT (RFC 5321 §4.1.1.3): adds a recipient, in qmail-smtpd's order of checks: a bad sender, then badrcptto,
 * then the relay rule: the domain must be in rcpthosts/morercpthosts unless RELAYCLIENT is set.
 */
final class RcptHandler implements Handler {

    @Override
    public Step handle(SessionContext session, String argument) {
        Transaction transaction = session.transaction().orElseThrow();
        RcptArguments rcpt;
        try {
            // RFC 6531 §3.4: 8-bit recipients only in a transaction that MAIL opened with SMTPUTF8.
            rcpt = PathParser.parseRcpt(argument, session.esmtp() && transaction.smtputf8());
        } catch (PathException e) {
            return Step.respond(e.reply());
        }
        if (!rcpt.parameters().isEmpty()) {
            return Step.respond(Replies.SYNTAX);                        // no DSN (RFC 3461) advertised
        }
        Reply refusal = refusal(session, transaction, rcpt.recipient());
        if (refusal != null) {
            return Step.respond(refusal);
        }
        transaction.accept(rcpt.recipient());
        session.recipientAccepted();
        return Step.respond(Replies.RCPT_OK);
    }

    private static Reply refusal(SessionContext session, Transaction transaction, Mailbox recipient) {
        if (transaction.senderIsBad()) {
            return Replies.BADMAILFROM;
        }
        if (transaction.recipientCount() >= session.config.maxRecipients()) {
            return Replies.TOO_MANY_RECIPIENTS;                         // RFC 5321 §4.5.3.1.10
        }
        if (session.config.badrcptto().matches(recipient.toString())) {
            return Replies.BADRCPTTO;
        }
        if (!relayAllowed(session, recipient)) {
            return Replies.NOT_IN_RCPTHOSTS;
        }
        return null;
    }

    /** {@code <postmaster>} has no domain and is always ours (RFC 5321 §4.1.1.3). */
    static boolean relayAllowed(SessionContext session, Mailbox recipient) {
        return recipient.domain().isEmpty() || session.relayAllowed() || session.config.acceptsDomain(recipient.domain());
    }
}
