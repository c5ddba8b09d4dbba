package org.godshell.toaster.smtpd;

import java.util.Map;
import java.util.Optional;
import org.godshell.toaster.smtp.MailArguments;
import org.godshell.toaster.smtp.Mailbox;
import org.godshell.toaster.smtp.PathException;
import org.godshell.toaster.smtp.PathParser;
import org.godshell.toaster.smtp.Replies;
import org.godshell.toaster.smtp.Reply;
import org.godshell.toaster.spp.HookResult;
import org.godshell.toaster.spp.Section;

/**
 * MAIL (RFC 5321 §4.1.1.2): opens a transaction. Checks the parameters of the extensions we advertise: SIZE
 * (RFC 1870 §6), BODY (RFC 6152), SMTPUTF8 (RFC 6531 §3.4). A sender in badmailfrom is remembered and refused at
 * RCPT, as qmail-smtpd does.
 */
final class MailHandler implements Handler {

    @Override
    public Step handle(SessionContext session, String argument) {
        if (session.requireAuth && session.authenticatedUser().isEmpty()) {
            return Step.respond(Replies.AUTH_REQUIRED);                 // RFC 6409 §4.3
        }
        MailArguments mail;
        try {
            mail = PathParser.parseMail(argument, session.esmtp());
        } catch (PathException e) {
            return Step.respond(e.reply());
        }
        Map<String, String> parameters = mail.parameters();
        if (!parameters.isEmpty() && !session.esmtp()) {
            return Step.respond(Replies.SYNTAX);                        // parameters need EHLO (RFC 5321 §4.1.1.2)
        }
        boolean smtputf8 = false;
        boolean eightBitMime = false;
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            String value = parameter.getValue();
            Reply refusal = switch (parameter.getKey()) {
                case "SIZE" -> checkSize(value, session.config.databytes());
                case "BODY" -> value != null && (value.equalsIgnoreCase("7BIT") || value.equalsIgnoreCase("8BITMIME"))
                        ? null : Replies.SYNTAX;
                case "SMTPUTF8" -> value == null ? null : Replies.SYNTAX;
                default -> Replies.SYNTAX;
            };
            if (refusal != null) {
                return Step.respond(refusal);
            }
            smtputf8 |= parameter.getKey().equals("SMTPUTF8");
            // Kept in the queue so that relaying tells the next hop too (issue 18 §2).
            eightBitMime |= parameter.getKey().equals("BODY") && value.equalsIgnoreCase("8BITMIME");
        }
        Optional<Reply> later = session.spp.laterRefusal(Section.MAIL);
        if (later.isPresent()) {
            return Step.respond(later.get());
        }
        Optional<Mailbox> sender = mail.sender();
        session.environment.put("SMTPMAILFROM", sender.map(Mailbox::toString).orElse(""));
        session.environment.put("SMTPRCPTCOUNT", "0");
        session.environment.put("SMTPRCPTCOUNTALL", "0");
        HookResult hook = session.spp.run(Section.MAIL);
        Optional<Step> refused = Step.unless(hook);
        if (refused.isPresent()) {
            return refused.get();
        }
        HookResult.Proceed proceed = (HookResult.Proceed) hook;
        if (proceed.address().isPresent()) {
            try {
                sender = PathParser.parseMail("FROM:<" + proceed.address().get() + ">", true).sender();
            } catch (PathException e) {
                return Step.respond(ChangedAddress.invalid(proceed.address().get()));
            }
            session.environment.put("SMTPMAILFROM", sender.map(Mailbox::toString).orElse(""));
        }
        // qmail-spp.md §4: O skips the badmailfrom check.
        boolean bad = !proceed.skipChecks()
                && sender.map(s -> session.config.badmailfrom().matches(s.toString())).orElse(false);
        session.begin(new Transaction(sender, bad, smtputf8, eightBitMime));
        return Step.respond(Replies.MAIL_OK);
    }

    /** RFC 1870 §6.2: a declared size over our limit is refused at once with 552. */
    private static Reply checkSize(String value, long databytes) {
        if (value == null || value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Replies.SYNTAX;
        }
        long declared = value.length() > 18 ? Long.MAX_VALUE : Long.parseLong(value);
        return databytes > 0 && declared > databytes ? Replies.TOO_BIG : null;
    }
}
