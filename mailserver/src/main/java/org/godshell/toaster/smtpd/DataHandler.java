package org.godshell.toaster.smtpd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
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
 * DATA (RFC 5321 §4.1.1.4): after 354 the body streams into the queue behind our Received header; 250 only once
 * the queue says the message is durable. Refusals found while reading (size, bare CR/LF, long lines, a loop, a
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
     * Reads the body from the session's reader (which may hold pipelined body bytes already) and queues it; returns the transaction's verdict.
     *
     * @throws IOException only when reading from the client fails (the session then ends)
     */
    Reply receive(SessionContext session, CommandReader in) throws IOException {
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
            body.write(ReceivedHeader.format(session, transaction, received).getBytes(StandardCharsets.UTF_8));
            for (String header : session.spp.headers()) {
                body.write((header + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            DataResult result = DataReader.read(in, body, session.config.databytes());
            Reply reply = result.refusal()
                    .orElse(result.receivedHeaders() >= MAX_HOPS ? Replies.LOOP : null);
            String queueId = "-";
            if (reply == null && body.failure().isPresent()) {
                reply = storageFailure(body.failure().get());
            }
            if (reply == null) {
                try {
                    queueId = intake.commit().value();
                    reply = Replies.queued(received.getEpochSecond(), queueId);
                } catch (IOException e) {
                    reply = storageFailure(e);
                }
            }
            session.log.transaction(session, transaction, result.bytes(), queueId, Integer.toString(reply.code()));
            return reply;
        } finally {
            if (intake != null) {
                intake.close();
            }
            session.finishTransaction();
        }
    }

    /** A full disk is 452 4.3.1 (RFC 3463); any other failure to store is 451 4.3.0. The client retries. */
    static Reply storageFailure(IOException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("No space left") || message.contains("Disk quota") ? Replies.DISK_FULL
                : Replies.QUEUE_FAILED;
    }
}
