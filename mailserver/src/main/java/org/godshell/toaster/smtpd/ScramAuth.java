package org.godshell.toaster.smtpd;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.godshell.toaster.auth.Scram;
import org.godshell.toaster.auth.ScramCredentials;
import org.godshell.toaster.smtp.Replies;
import org.godshell.toaster.smtp.Reply;

/**
 * AUTH SCRAM-SHA-256 (RFC 7677) as SMTP carries it (RFC 4954 §4): client-first (initial response or after an
 * empty 334), {@code 334 base64(server-first)}, client-final, {@code 334 base64(server-final)}, an empty line
 * from the client, then the success path PLAIN takes. A user without SCRAM keys (unknown, or stored as
 * SHA-crypt) gets fake keys from a secret of this process and the name, so the exchange looks the same to the
 * end and fails there with 535 (RFC 5802 §9). Proofs and keys are never logged.
 */
final class ScramAuth {

    /** The secret fake credentials come from: random per server process, never written anywhere. */
    private static final byte[] FAKE_SECRET = new byte[32];

    static {
        new SecureRandom().nextBytes(FAKE_SECRET);
    }

    /** The -PLUS mechanisms are not offered (RFC 5802 §6): a client asking for channel binding is told so. */
    static final Reply NO_CHANNEL_BINDING =
            Reply.of(504, "5.5.4", "channel binding (SCRAM-SHA-256-PLUS) is not offered (#5.5.4)");

    private ScramAuth() {}

    /** The client-first message: parsed, the user's keys (or fake ones) looked up, server-first sent. */
    static Step first(SessionContext session, String response) {
        Scram.Outcome<Scram.ClientFirst> parsed = switch (Scram.decode(response)) {
            case Scram.Outcome.Ok<String> ok -> Scram.clientFirst(ok.value());
            case Scram.Outcome.Failed<String> failed -> new Scram.Outcome.Failed<>(failed.problem());
        };
        return switch (parsed) {
            case Scram.Outcome.Failed<Scram.ClientFirst> failed -> refuse(session, failed.problem(), "");
            case Scram.Outcome.Ok<Scram.ClientFirst> ok -> {
                String user = ok.value().user();
                Optional<ScramCredentials> real = lookup(session, user);
                Scram.Exchange exchange = Scram.Exchange.start(ok.value(),
                        real.orElseGet(() -> ScramCredentials.fake(FAKE_SECRET, user)), Scram.serverNonce());
                yield new Step.Challenge(challenge(exchange.serverFirst()),
                        last -> last(session, exchange, real.isPresent(), last));
            }
        };
    }

    private static Step last(SessionContext session, Scram.Exchange exchange, boolean known, String response) {
        String user = exchange.first().user();
        Scram.Outcome<String> verified = switch (Scram.decode(response)) {
            case Scram.Outcome.Ok<String> ok -> exchange.clientFinal(ok.value());
            case Scram.Outcome.Failed<String> failed -> new Scram.Outcome.Failed<>(failed.problem());
        };
        return switch (verified) {
            case Scram.Outcome.Failed<String> failed -> refuse(session, failed.problem(), user);
            case Scram.Outcome.Ok<String> ok when !known -> AuthHandler.failed(session, Scram.MECHANISM, user);
            case Scram.Outcome.Ok<String> ok -> new Step.Challenge(challenge(ok.value()), done -> switch (done) {
                case "", "=" -> AuthHandler.succeeded(session, Scram.MECHANISM, user);
                case "*" -> Step.respond(Replies.AUTH_CANCELLED);
                default -> Step.respond(Replies.AUTH_MALFORMED);
            });
        };
    }

    /** Store trouble is "no keys": the exchange then runs with fake ones and fails at the end. */
    private static Optional<ScramCredentials> lookup(SessionContext session, String user) {
        try {
            return session.logins.scram().scram(user);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Step refuse(SessionContext session, Scram.Problem problem, String user) {
        return switch (problem) {
            case CANCELLED -> Step.respond(Replies.AUTH_CANCELLED);
            case BAD_BASE64, MALFORMED -> Step.respond(Replies.AUTH_MALFORMED);
            case CHANNEL_BINDING -> Step.respond(NO_CHANNEL_BINDING);
            case AUTHZID_MISMATCH -> AuthHandler.failed(session, Scram.MECHANISM, "(authorization identity differs)");
            case PROHIBITED -> AuthHandler.failed(session, Scram.MECHANISM, AuthHandler.PROHIBITED_NAME);
            case BINDING_MISMATCH, NONCE_MISMATCH, WRONG_PROOF -> AuthHandler.failed(session, Scram.MECHANISM, user);
        };
    }

    private static Reply challenge(String message) {
        return Reply.of(334, null, Base64.getEncoder().encodeToString(message.getBytes(StandardCharsets.UTF_8)));
    }
}
