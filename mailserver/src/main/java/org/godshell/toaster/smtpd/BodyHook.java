package org.godshell.toaster.smtpd;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.godshell.toaster.msgauth.Judgement;
import org.godshell.toaster.queue.Folder;
import org.godshell.toaster.queue.HeaderEdits;
import org.godshell.toaster.queue.Intake;
import org.godshell.toaster.queue.MessageCopy;
import org.godshell.toaster.smtp.Mailbox;
import org.godshell.toaster.smtp.Replies;
import org.godshell.toaster.spp.BodyVerdict;
import org.godshell.toaster.spp.HookResult;
import org.godshell.toaster.spp.Section;

/**
 * The end of a message the checks accepted (issue 20): the session's {@code [body]} plugins run over a
 * read-only copy of it, then it is committed with the checks' header edits and the plugins' {@code H} lines,
 * into Junk when a check or a plugin's {@code Q} says so; or a plugin's refusal answers the final dot and
 * nothing is queued. Without {@code [body]} plugins it is committed at once, and no copy is made.
 *
 * <p>The copy is the queue's ({@link Intake#copy()}): private to the toaster user, deleted as soon as the
 * plugins are done, and found stale after a crash. It must never outlive the section, and a copy that cannot be
 * written is a 451, never an unchecked 250.
 */
final class BodyHook {

    /**
     * What the final dot gets, and the queue id for the log: {@code "-"} when nothing was queued; {@code reason}
     * the log's word for a refusal whose reply does not tell it ({@link RefusalReason}), else empty.
     */
    record Outcome(Step step, String queueId, String reason) {
        Outcome(Step step, String queueId) {
            this(step, queueId, "");
        }
    }

    private BodyHook() {
    }

    /** @throws IOException when the commit fails (the message is not queued) */
    static Outcome finish(SessionContext session, Transaction transaction, Intake intake, Judgement judgement,
            Instant received) throws IOException {
        if (!session.spp.runs(Section.BODY)) {
            return commit(intake, judgement.edits(), judgement.folder(), received);
        }
        MessageCopy copy;
        try {
            copy = intake.copy();
        } catch (IOException e) {
            session.log.event(session.id, "[body] plugins not run, the message copy failed: " + e.getMessage());
            return new Outcome(Step.respond(Replies.CHECKS_FAILED), "-");
        }
        BodyVerdict verdict;
        try {
            verdict = session.spp.runBody(variables(copy, transaction, judgement));
        } finally {
            try {
                copy.close();
            } catch (IOException e) {
                session.log.event(session.id, "cannot delete " + copy.path() + " (removed at the next start): "
                        + e.getMessage());
            }
        }
        return switch (verdict.result()) {
            case HookResult.Proceed proceed -> accepted(session, intake, judgement, verdict, received);
            case HookResult.Refuse refuse -> new Outcome(Step.respond(refuse.reply()), "-");
            case HookResult.Close close -> new Outcome(new Step.Close(close.reply()), "-");
            case HookResult.Drop drop -> new Outcome(new Step.Drop(), "-");
        };
    }

    /** The checks' fields stay on top (trace and authentication first, RFC 8601 §5); the plugins' come next. */
    private static Outcome accepted(SessionContext session, Intake intake, Judgement judgement, BodyVerdict verdict,
            Instant received) throws IOException {
        List<String> added = new ArrayList<>(judgement.edits().added());
        added.addAll(verdict.headers());
        HeaderEdits edits;
        try {
            edits = new HeaderEdits(added, judgement.edits().dropped());
        } catch (IllegalArgumentException e) {
            // Command.parse checks each H line; the queue also bounds line length and the total (queue.md).
            session.log.event(session.id, "[body] header lines refused: " + e.getMessage());
            return new Outcome(Step.respond(Replies.CHECKS_FAILED), "-");
        }
        return commit(intake, edits, verdict.quarantine().isPresent() ? Folder.JUNK : judgement.folder(), received);
    }

    private static Outcome commit(Intake intake, HeaderEdits edits, Folder folder, Instant received)
            throws IOException {
        String id = intake.commit(edits, folder).value();
        return new Outcome(Step.respond(Replies.queued(received.getEpochSecond(), id)), id);
    }

    /**
     * The message's variables, for the section only (the Plugins page lists them): its copy, its size, every
     * accepted recipient one per line in RCPT order, and, for mail from outside, the checks' verdicts.
     */
    static Map<String, String> variables(MessageCopy copy, Transaction transaction, Judgement judgement) {
        Map<String, String> message = new LinkedHashMap<>();
        message.put("SMTPMESSAGEFILE", copy.path().toAbsolutePath().toString());
        message.put("SMTPMESSAGESIZE", Long.toString(copy.size()));
        message.put("SMTPRCPTTOALL", String.join("\n", transaction.recipients().stream().map(Mailbox::toString)
                .toList()));
        judgement.verdicts().ifPresent(verdicts -> {
            verdicts.spf().ifPresent(spf -> message.put("SMTPSPF", spf));
            message.put("SMTPDKIM", verdicts.dkim());
            verdicts.dmarc().ifPresent(dmarc -> {
                message.put("SMTPDMARC", dmarc);
                message.put("SMTPDMARCDOMAIN", verdicts.dmarcDomain().orElse(""));
            });
            verdicts.arc().ifPresent(arc -> message.put("SMTPARC", arc));
            message.put("SMTPAUTHRESULTS", verdicts.authenticationResults());
        });
        return message;
    }
}
