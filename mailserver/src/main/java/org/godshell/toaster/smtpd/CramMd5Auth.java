package org.godshell.toaster.smtpd;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import org.godshell.toaster.auth.CramMd5;
import org.godshell.toaster.auth.CramMd5Secret;
import org.godshell.toaster.smtp.Replies;
import org.godshell.toaster.smtp.Reply;

/**
 * AUTH CRAM-MD5 (RFC 2195) as SMTP carries it (RFC 4954 §4): {@code 334 base64(<random.timestamp@me>)}, the
 * client's {@code base64(user SP hex digest)}, then 235 or 535. A user without a {@code {CRAM-MD5}} secret
 * (unknown, or stored in another scheme) is checked against a fake secret from a secret of this process and the
 * name, so the answer and the work are those of a wrong password. Digests are never logged.
 */
final class CramMd5Auth {

    /** The secret fake secrets come from: random per server process, never written anywhere. */
    private static final byte[] FAKE_SECRET = new byte[32];

    static {
        new SecureRandom().nextBytes(FAKE_SECRET);
    }

    private CramMd5Auth() {}

    static Step start(SessionContext session) {
        String challenge = CramMd5.challenge(session.config.me(), Clock.systemUTC());
        Reply reply = Reply.of(334, null,
                Base64.getEncoder().encodeToString(challenge.getBytes(StandardCharsets.US_ASCII)));
        return new Step.Challenge(reply, response -> answer(session, challenge, response));
    }

    private static Step answer(SessionContext session, String challenge, String line) {
        return switch (CramMd5.response(line)) {
            case CramMd5.Response.Failed failed -> switch (failed.problem()) {
                case CANCELLED -> Step.respond(Replies.AUTH_CANCELLED);
                case BAD_BASE64, MALFORMED -> Step.respond(Replies.AUTH_MALFORMED);
                case PROHIBITED -> AuthHandler.failed(session, CramMd5.MECHANISM, AuthHandler.PROHIBITED_NAME);
            };
            case CramMd5.Response.Ok ok -> {
                // Both secrets are had for every login, so a known user costs what an unknown one does.
                CramMd5Secret fake = CramMd5Secret.fake(FAKE_SECRET, ok.user());
                Optional<CramMd5Secret> real = lookup(session, ok.user());
                boolean valid = CramMd5.verify(real.orElse(fake), challenge, ok.digest()) && real.isPresent();
                yield valid ? AuthHandler.succeeded(session, CramMd5.MECHANISM, ok.user())
                        : AuthHandler.failed(session, CramMd5.MECHANISM, ok.user());
            }
        };
    }

    /** Store trouble is "no secret": the check then runs against the fake one and fails. */
    private static Optional<CramMd5Secret> lookup(SessionContext session, String user) {
        try {
            return session.logins.cramMd5().cramMd5(user);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
