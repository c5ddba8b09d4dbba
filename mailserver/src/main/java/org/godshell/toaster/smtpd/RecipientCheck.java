package org.godshell.toaster.smtpd;

import java.util.Locale;
import java.util.Optional;
import org.godshell.toaster.smtp.Mailbox;
import org.godshell.toaster.smtp.Replies;
import org.godshell.toaster.smtp.Reply;
import org.godshell.toaster.users.UserStoreException;

/**
 * The RCPT check for clients that may not relay: an address at one of our domains must be one we deliver, so
 * that nothing is accepted only to bounce later to a forged sender (backscatter), and scanners can neither
 * "find" users nor see an open relay. Two refusals, after the relay check:
 * <ul>
 *   <li>{@code %} or {@code !} in the local part at a domain of rcpthosts: the old source routes
 *       ({@code user%other@ours}, {@code other!user@ours}; RFC 5321 §3.6.1 and Appendix C) are not honoured,
 *       so they are refused (553 5.7.1) as Postfix ({@code allow_untrusted_routing = no}), chasquid and mox do;</li>
 *   <li>at a virtual domain, a local part that is no user, alias, plus-address or catch-all: 550 5.1.1.</li>
 * </ul>
 * {@code postmaster} is always accepted (RFC 5321 §4.5.1). Clients with RELAYCLIENT or a login, and sources whose
 * tcp.smtp rule sets {@code NOCHKUSER}, keep qmail's behaviour (accepted, bounced at delivery).
 */
final class RecipientCheck {

    /** The tcp.smtp variable that turns the check off for a source, as NOSPP turns off its plugins. */
    static final String OFF = "NOCHKUSER";

    private RecipientCheck() {
    }

    static Optional<Reply> refusal(SessionContext session, Mailbox recipient) {
        if (recipient.domain().isEmpty() || session.relayAllowed() || session.environment.containsKey(OFF)) {
            return Optional.empty();
        }
        String local = recipient.localPart();
        if (local.indexOf('%') >= 0 || local.indexOf('!') >= 0) {
            return Optional.of(Replies.SOURCE_ROUTE);
        }
        String lower = local.toLowerCase(Locale.ROOT);
        int plus = lower.indexOf('+');
        if ((plus < 0 ? lower : lower.substring(0, plus)).equals("postmaster")) {
            return Optional.empty();
        }
        try {
            return session.recipients.check(recipient.toString()) == Recipients.Known.NO
                    ? Optional.of(Replies.NO_MAILBOX) : Optional.empty();
        } catch (UserStoreException e) {
            session.log.event(session.id, "cannot check " + recipient + ": " + e.getMessage());
            return Optional.of(Replies.RECIPIENTS_UNREADABLE);
        }
    }
}
