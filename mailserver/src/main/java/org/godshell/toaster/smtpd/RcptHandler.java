package org.godshell.toaster.smtpd;

import java.util.Optional;
import org.godshell.toaster.smtp.Mailbox;
import org.godshell.toaster.smtp.PathException;
import org.godshell.toaster.smtp.PathParser;
import org.godshell.toaster.smtp.RcptArguments;
import org.godshell.toaster.smtp.Replies;
import org.godshell.toaster.smtp.Reply;
import org.godshell.toaster.spp.HookResult;
import org.godshell.toaster.spp.Section;
import org.godshell.toaster.users.UserStoreException;

/**
 * RCPT (RFC 5321 §4.1.1.3): adds a recipient, in qmail-smtpd's order of checks: a bad sender, then badrcptto,
 * then the relay rule: the domain must be in rcpthosts/morercpthosts unless RELAYCLIENT is set; then, for clients
 * that may not relay, the recipient must exist ({@link RecipientCheck}).
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
        int rcptCommands = transaction.countRcptCommand();
        Optional<Reply> later = session.spp.laterRefusal(Section.RCPT);
        if (later.isPresent()) {
            return Step.respond(later.get());
        }
        Mailbox recipient = rcpt.recipient();
        Optional<Boolean> relay = relay(session, recipient);
        setVariables(session, transaction, recipient, rcptCommands, relay.orElse(false));
        HookResult hook = session.spp.run(Section.RCPT);
        Optional<Step> refused = Step.unless(hook);
        if (refused.isPresent()) {
            return refused.get();
        }
        HookResult.Proceed proceed = (HookResult.Proceed) hook;
        if (proceed.address().isPresent()) {
            try {
                recipient = PathParser.parseRcpt("TO:<" + proceed.address().get() + ">", true).recipient();
            } catch (PathException e) {
                return Step.respond(ChangedAddress.invalid(proceed.address().get()));
            }
            session.environment.put("SMTPRCPTTO", recipient.toString());
            relay = relay(session, recipient);
        }
        Reply refusal = refusal(session, transaction, recipient, proceed.skipChecks(), relay);
        if (refusal != null) {
            return Step.respond(refusal);
        }
        transaction.accept(recipient);
        session.recipientAccepted();
        return Step.respond(Replies.RCPT_OK);
    }

    /** qmail-spp.md §2: what a [rcpt] plugin knows, including the relay check's answer in advance. */
    private static void setVariables(SessionContext session, Transaction transaction, Mailbox recipient,
            int rcptCommands, boolean relay) {
        session.environment.put("SMTPRCPTTO", recipient.toString());
        session.environment.put("SMTPRCPTCOUNT", Integer.toString(transaction.recipientCount()));
        session.environment.put("SMTPRCPTCOUNTALL", Integer.toString(rcptCommands));
        session.environment.put("SMTPRCPTHOSTSOK", relay ? "1" : "0");
    }

    /**
     * {@code skipRelayCheck}: a plugin said O (qmail-spp.md §4), which skips the rcpthosts/relay check and the
     * recipient check: the plugin has accepted the address. {@code relay}: the relay rule's answer for this
     * recipient, empty when the users could not be asked (451, never a refusal).
     */
    private static Reply refusal(SessionContext session, Transaction transaction, Mailbox recipient,
            boolean skipRelayCheck, Optional<Boolean> relay) {
        if (transaction.senderIsBad()) {
            return Replies.BADMAILFROM;
        }
        if (transaction.recipientCount() >= session.config.maxRecipients()) {
            return Replies.TOO_MANY_RECIPIENTS;                         // RFC 5321 §4.5.3.1.10
        }
        if (session.config.badrcptto().matches(recipient.toString())) {
            return Replies.BADRCPTTO;
        }
        if (skipRelayCheck) {
            return null;
        }
        if (relay.isEmpty()) {
            return Replies.RECIPIENTS_UNREADABLE;
        }
        if (!relay.get()) {
            return Replies.NOT_IN_RCPTHOSTS;
        }
        return RecipientCheck.refusal(session, recipient).orElse(null);
    }

    /**
     * The relay rule's answer for {@code recipient}, asked once for the plugins' variable and the check; empty,
     * and logged, when a shared user database cannot be asked.
     */
    private static Optional<Boolean> relay(SessionContext session, Mailbox recipient) {
        try {
            return Optional.of(relayAllowed(session, recipient));
        } catch (UserStoreException e) {
            session.log.event(session.id, "cannot check " + recipient + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * {@code <postmaster>} has no domain and is always ours (RFC 5321 §4.1.1.3); a domain of a shared user
     * database is ours on every host of it, rcpthosts or not.
     *
     * @throws UserStoreException when the database cannot be asked: the caller defers, never refuses
     */
    static boolean relayAllowed(SessionContext session, Mailbox recipient) throws UserStoreException {
        String domain = recipient.domain();
        return domain.isEmpty() || session.relayAllowed() || session.config.acceptsDomain(domain)
                || session.recipients.sharedDomain(domain);
    }
}
