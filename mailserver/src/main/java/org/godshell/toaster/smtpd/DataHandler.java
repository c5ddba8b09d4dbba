package org.godshell.toaster.smtpd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.godshell.toaster.msgauth.Arrival;
import org.godshell.toaster.msgauth.Judgement;
import org.godshell.toaster.queue.Envelope;
import org.godshell.toaster.queue.Intake;
import org.godshell.toaster.smtp.CommandReader;
import org.godshell.toaster.smtp.DataReader;
import org.godshell.toaster.smtp.DataResult;
import org.godshell.toaster.smtp.Mailbox;
import org.godshell.toaster.smtp.Replies;
import org.godshell.toaster.smtp.Reply;
import org.godshell.toaster.spp.Section;

/**
 * DATA (RFC 5321 §4.1.1.4): after 354 the body streams into the queue behind our Received header; the whole
 * message is checked (msgauth), then the [body] plugins run ({@link BodyHook}); 250 only once the queue says the
 * message is durable. Refusals found while reading (size, bare CR/LF, long lines, a loop, a
 * failing disk) are answered after the whole body has been read, so the session stays in step with the client.
 */
final class DataHandler implements Handler {

    /** RFC 5321 §6.3: a message that has passed this many relays is looping. */
    static final int MAX_HOPS = 100;

    @Override
    public Step handle(SessionContext session, String argument) {
        if (!argument.isBlank()) {
            return Step.respond(Replies.BAD_ARGUMENTS);
        }
        Optional<Reply> later = session.spp.laterRefusal(Section.DATA);
        if (later.isPresent()) {
            return Step.respond(later.get());
        }
        // qmail-spp.md §2: [data] runs before 354 and sees no content.
        return session.plugins(Section.DATA).orElse(new Step.ReceiveData(Replies.DATA_GO_AHEAD));
    }

    /**
     * Reads the body from the session's reader (which may hold pipelined body bytes already), has it checked
     * and, if the checks accept it, handed to the [body] plugins and queued ({@link BodyHook}); returns what
     * the session does next: the reply to the final dot, or a close a plugin asked for.
     *
     * @throws IOException only when reading from the client fails (the session then ends)
     */
    Step receive(SessionContext session, CommandReader in) throws IOException {
        Transaction transaction = session.transaction().orElseThrow();
        Instant received = Instant.now();
        Intake intake = null;
        SafeOutput body;
        try {
            intake = session.queue.begin(new Envelope(transaction.senderAddress(),
                    transaction.recipients().stream().map(Mailbox::toString).toList(), session.heloHost(),
                    session.client.getAddress().getHostAddress(), null, received, transaction.eightBitMime(),
                    transaction.smtputf8()));
            body = new SafeOutput(intake.body());
        } catch (IOException e) {
            body = SafeOutput.failed(e);
        }
        try {
            body.write(head(session, transaction, received));
            DataResult result = DataReader.read(in, body, session.config.databytes());
            Optional<Reply> refused = result.refusal();
            if (refused.isEmpty() && result.receivedHeaders() >= MAX_HOPS) {
                refused = Optional.of(Replies.LOOP);
            }
            if (refused.isEmpty()) {
                refused = body.failure().map(DataHandler::storageFailure);
            }
            BodyHook.Outcome outcome = refused.isPresent() ? new BodyHook.Outcome(Step.respond(refused.get()), "-")
                    : judged(session, transaction, intake, received);
            session.log.transaction(session, transaction, result.bytes(), outcome.queueId(), code(outcome.step()),
                    reason(session, outcome));
            return outcome.step();
        } finally {
            if (intake != null) {
                intake.close();
            }
            session.finishTransaction();
        }
    }

    /** The checks' verdict on a message read whole, and what follows it. */
    private static BodyHook.Outcome judged(SessionContext session, Transaction transaction, Intake intake,
            Instant received) {
        try {
            Judgement judgement = session.checks.judge(new Arrival(session.client.getAddress(), session.heloHost(),
                    transaction.senderAddress(), transaction.recipients().stream().map(Mailbox::toString).toList(),
                    session.trusted(), session.authenticatedUser()), intake, intake.receivedSize());
            if (!judgement.log().isEmpty()) {
                session.log.event(session.id, judgement.log());
            }
            return switch (judgement.action()) {
                case ACCEPT -> BodyHook.finish(session, transaction, intake, judgement, received);
                case REFUSE -> refusedByChecks(session, 550, judgement.why());
                case DEFER -> refusedByChecks(session, 451, judgement.why());
            };
        } catch (IOException e) {
            return new BodyHook.Outcome(Step.respond(storageFailure(e)), "-");
        } catch (RuntimeException e) {
            // A check that breaks must not lose the message or pass it unchecked: the client retries.
            session.log.event(session.id, "checks failed: " + e);
            return new BodyHook.Outcome(Step.respond(Replies.CHECKS_FAILED), "-");
        }
    }

    /**
     * The checks refuse for DMARC (msgauth's Enforcement), or defer when too many messages are being checked at
     * once (4.3.2, a limit of this server): the stage the metrics count it under.
     */
    private static BodyHook.Outcome refusedByChecks(SessionContext session, int code, String why) {
        session.refusedAt(why.startsWith("4.3.2 ") ? Stage.LIMITS : Stage.DMARC);
        return new BodyHook.Outcome(Step.respond(refusal(code, why)), "-", RefusalReason.CHECKS);
    }

    /** The transaction log's outcome: the reply's code, or {@code drop} for a plugin's {@code D}. */
    private static String code(Step step) {
        return switch (step) {
            case Step.Respond respond -> Integer.toString(respond.reply().code());
            case Step.Close close -> Integer.toString(close.reply().code());
            default -> "drop";
        };
    }

    /** The log's word for why the message was not taken, or empty when it was. */
    private static String reason(SessionContext session, BodyHook.Outcome outcome) {
        return switch (outcome.step()) {
            case Step.Respond respond when respond.reply().code() < 400 -> "";
            case Step.Respond respond -> outcome.reason().isEmpty()
                    ? RefusalReason.of(respond.reply(), session.spp) : outcome.reason();
            case Step.Close close -> RefusalReason.of(close.reply(), session.spp);
            default -> "plugin";
        };
    }

    /** Our Received field and the plugins' header lines: what goes before the client's data. */
    private static byte[] head(SessionContext session, Transaction transaction, Instant received) {
        StringBuilder head = new StringBuilder(ReceivedHeader.format(session, transaction, received));
        for (String header : session.spp.headers()) {
            head.append(header).append("\r\n");
        }
        return head.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A check's refusal: {@code why} starts with the enhanced code (RFC 3463), the rest is its text. */
    static Reply refusal(int code, String why) {
        int space = why.indexOf(' ');
        return Reply.of(code, why.substring(0, space), why.substring(space + 1));
    }

    /** A full disk is 452 4.3.1 (RFC 3463); any other failure to store is 451 4.3.0. The client retries. */
    static Reply storageFailure(IOException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("No space left") || message.contains("Disk quota") ? Replies.DISK_FULL
                : Replies.QUEUE_FAILED;
    }
}
