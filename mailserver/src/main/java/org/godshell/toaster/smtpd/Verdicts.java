package org.godshell.toaster.smtpd;

import java.util.Map;
import java.util.Optional;
import org.godshell.toaster.smtp.Replies;
import org.godshell.toaster.smtp.Reply;

/**
 * Tells the session's {@link SmtpObserver} the verdict on a MAIL, RCPT or DATA command, and on each message:
 * its result class from the reply's first digit (RFC 5321 §4.2.1) and, for a refusal, the {@link Stage} that
 * gave it: a plugin when the reply is the very one a plugin gave ({@code SppSession#refusedBy}), a check named
 * by the code that refused ({@link SessionContext#refusedAt}), else by which of the server's replies it is.
 * Accepted MAIL and RCPT commands are not counted: a transaction is accepted once, with its message.
 */
final class Verdicts {

    /** The server's own refusals, by identity: the stage each stands for. */
    private static final Map<Reply, Stage> STAGES = Map.ofEntries(
            Map.entry(Replies.NOT_IN_RCPTHOSTS, Stage.RCPTHOSTS),
            Map.entry(Replies.SOURCE_ROUTE, Stage.RELAY),
            Map.entry(Replies.NO_MAILBOX, Stage.RECIPIENT),
            Map.entry(Replies.BADMAILFROM, Stage.BLOCKLIST),
            Map.entry(Replies.BADRCPTTO, Stage.BLOCKLIST),
            Map.entry(Replies.TOO_MANY_RECIPIENTS, Stage.LIMITS),
            Map.entry(Replies.TOO_BIG, Stage.SIZE),
            Map.entry(Replies.AUTH_REQUIRED, Stage.AUTH),
            Map.entry(Replies.AUTH_NEEDS_TLS, Stage.AUTH),
            Map.entry(Replies.QUEUE_FAILED, Stage.STORAGE),
            Map.entry(Replies.DISK_FULL, Stage.STORAGE),
            Map.entry(Replies.RECIPIENTS_UNREADABLE, Stage.STORAGE));

    private Verdicts() {
    }

    /** After a MAIL, RCPT or DATA command: counts it if it was refused (or the connection closed on it). */
    static void command(SessionContext session, Step step) {
        Optional<Reply> reply = reply(step);
        if (reply.isEmpty() || reply.get().code() >= 400) {
            count(session, step, reply);
        }
    }

    /** After the message: accepted, deferred or refused. */
    static void message(SessionContext session, Step step) {
        count(session, step, reply(step));
    }

    private static void count(SessionContext session, Step step, Optional<Reply> reply) {
        Optional<Stage> hinted = session.takeRefusedAt();
        if (step instanceof Step.Drop) {
            session.observer.verdict(SmtpObserver.Result.REFUSED,
                    session.spp.refusedBy(null).map(Stage::plugin).orElse(Stage.OTHER));
            return;
        }
        if (reply.isEmpty()) {
            return;
        }
        Reply r = reply.get();
        SmtpObserver.Result result = r.code() < 400 ? SmtpObserver.Result.ACCEPTED
                : r.code() < 500 ? SmtpObserver.Result.TEMP_FAILED : SmtpObserver.Result.REFUSED;
        Stage stage = result == SmtpObserver.Result.ACCEPTED ? Stage.NONE
                : session.spp.refusedBy(r).map(Stage::plugin).or(() -> hinted).orElseGet(() -> stageOf(r));
        session.observer.verdict(result, stage);
    }

    private static Stage stageOf(Reply reply) {
        Stage known = STAGES.get(reply);
        if (known != null) {
            return known;
        }
        // 500-504 and 555: the command or its arguments (RFC 5321 §4.2.2, RFC 1869 §6); 554 5.6.x: the data.
        int code = reply.code();
        if (code >= 500 && code <= 504 || code == 555
                || reply.enhanced() != null && reply.enhanced().matches("5\\.(5|6)\\.\\d+|5\\.1\\.[37]")) {
            return Stage.SYNTAX;
        }
        return Stage.OTHER;
    }

    private static Optional<Reply> reply(Step step) {
        return switch (step) {
            case Step.Respond respond -> Optional.of(respond.reply());
            case Step.Close close -> Optional.of(close.reply());
            default -> Optional.empty();
        };
    }
}
