package org.godshell.toaster.smtpd;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.godshell.toaster.auth.Authenticator;
import org.godshell.toaster.auth.CramMd5;
import org.godshell.toaster.auth.Sasl;
import org.godshell.toaster.auth.Scram;
import org.godshell.toaster.smtp.Replies;
import org.godshell.toaster.smtp.Reply;
import org.godshell.toaster.spp.HookResult;
import org.godshell.toaster.spp.Section;

/**
 * AUTH (RFC 4954) with PLAIN (RFC 4616), LOGIN, SCRAM-SHA-256 ({@link ScramAuth}) and CRAM-MD5
 * ({@link CramMd5Auth}), only inside TLS and only the mechanisms {@code control/smtpauthmechs} offers. Names
 * and passwords are SASLprepped (RFC 4013); one SASLprep refuses is a failed login. A success runs the [auth]
 * plugins (qmail-spp.md §2) before 235; a failure is counted by the throttle, answered slower as failures pile
 * up, and logged for fail2ban-style tools. The reply never says whether the user exists.
 */
final class AuthHandler implements Handler {

    /** "Username:" and "Password:" in base64, the LOGIN mechanism's prompts. */
    private static final Reply USERNAME = Reply.of(334, null, "VXNlcm5hbWU6");
    private static final Reply PASSWORD = Reply.of(334, null, "UGFzc3dvcmQ6");
    private static final Reply EMPTY_CHALLENGE = Reply.of(334, null, "");

    /** What the log says instead of a name SASLprep refused (control characters, unassigned code points...). */
    static final String PROHIBITED_NAME = "(refused by SASLprep)";

    @Override
    public Step handle(SessionContext session, String argument) {
        if (session.logins.users().isEmpty()) {
            return Step.respond(Replies.UNIMPLEMENTED);
        }
        if (session.authenticatedUser().isPresent()) {
            return Step.respond(Replies.AUTH_ALREADY);                  // RFC 4954 §4
        }
        if (session.transaction().isPresent()) {
            return Step.respond(Replies.AUTH_IN_TRANSACTION);           // RFC 4954 §4
        }
        if (session.tlsInfo().isEmpty()) {
            return Step.respond(Replies.AUTH_NEEDS_TLS);                // no password over plain text
        }
        if (!session.esmtp()) {
            return Step.respond(Replies.EHLO_FIRST);
        }
        if (session.logins.throttle().blocked(session.client.getAddress())) {
            session.observer.authBlocked(session.port);
            session.log.event(session.id, TransactionLog.clientEvent("auth blocked", session));
            return new Step.Close(Replies.AUTH_BLOCKED);
        }
        String[] words = argument.strip().split(" ", 2);
        Optional<String> initial = words.length > 1 ? Optional.of(words[1].strip()) : Optional.empty();
        String mechanism = words[0].toUpperCase(Locale.ROOT);
        if (!session.config.authMechanisms().contains(mechanism)) {
            return Step.respond(Replies.AUTH_MECHANISM);                // RFC 4954 §4: not offered here
        }
        return switch (mechanism) {
            case "PLAIN" -> initial.map(response -> finish(session, "PLAIN", Sasl.plain(response)))
                    .orElse(new Step.Challenge(EMPTY_CHALLENGE, response -> finish(session, "PLAIN", Sasl.plain(response))));
            case "LOGIN" -> initial.map(user -> login(session, user))
                    .orElse(new Step.Challenge(USERNAME, user -> login(session, user)));
            case Scram.MECHANISM -> initial.map(first -> ScramAuth.first(session, first))
                    .orElse(new Step.Challenge(EMPTY_CHALLENGE, first -> ScramAuth.first(session, first)));
            // RFC 4954 §4: an initial response to a mechanism where the server speaks first is refused with 501.
            case CramMd5.MECHANISM -> initial.isPresent() ? Step.respond(Replies.AUTH_MALFORMED)
                    : CramMd5Auth.start(session);
            default -> Step.respond(Replies.AUTH_MECHANISM);
        };
    }

    private static Step login(SessionContext session, String userResponse) {
        Sasl.Decoded user = Sasl.loginUser(userResponse);
        if (user.credentials().isEmpty()) {
            return finish(session, "LOGIN", user);
        }
        String name = user.credentials().get().user();
        return new Step.Challenge(PASSWORD, response -> finish(session, "LOGIN", Sasl.loginPassword(name, response)));
    }

    private static Step finish(SessionContext session, String mechanism, Sasl.Decoded decoded) {
        if (decoded.problem().isPresent()) {
            return switch (decoded.problem().get()) {
                case CANCELLED -> Step.respond(Replies.AUTH_CANCELLED);
                case BAD_BASE64, MALFORMED -> Step.respond(Replies.AUTH_MALFORMED);
                case AUTHZID_MISMATCH -> failed(session, mechanism, "(authorization identity differs)");
                case PROHIBITED -> failed(session, mechanism, PROHIBITED_NAME);
            };
        }
        Sasl.Credentials credentials = decoded.credentials().orElseThrow();
        Authenticator.Verdict verdict;
        try {
            verdict = session.logins.users().orElseThrow().check(credentials.user(), credentials.password());
        } finally {
            Arrays.fill(credentials.password(), '\0');
        }
        return switch (verdict) {
            case ACCEPTED -> succeeded(session, mechanism, credentials.user());
            case REFUSED -> failed(session, mechanism, credentials.user());
            case UNAVAILABLE -> {
                // Not the client's fault: no throttle count, and a reply its user is not asked to act on.
                session.log.event(session.id, TransactionLog.auth("unavailable", ip(session), credentials.user(),
                        mechanism));
                yield Step.respond(Replies.AUTH_UNAVAILABLE);
            }
        };
    }

    /** A checked login, whatever the mechanism: the [auth] plugins may still refuse it, else 235. */
    static Step succeeded(SessionContext session, String mechanism, String user) {
        session.environment.put("SMTPAUTHUSER", user);
        session.environment.put("SMTPAUTHMETHOD", mechanism);
        HookResult hook = session.spp.run(Section.AUTH);
        Optional<Step> refused = Step.unless(hook);
        if (refused.isPresent()) {
            session.environment.remove("SMTPAUTHUSER");                // an E in [auth] refuses the login
            session.environment.remove("SMTPAUTHMETHOD");
            session.log.event(session.id, TransactionLog.auth("refused by plugin", ip(session), user, ""));
            return refused.get();
        }
        session.logins.throttle().succeeded(session.client.getAddress());
        session.authenticated(user);
        session.log.event(session.id, TransactionLog.auth("ok", ip(session), user, mechanism));
        return Step.respond(Replies.AUTH_OK);
    }

    /** One line per failure, "auth failed client=IP user=NAME", the form fail2ban filters match on. */
    static Step failed(SessionContext session, String mechanism, String user) {
        Duration delay = session.logins.throttle().failed(session.client.getAddress());
        session.observer.authFailed(session.port);
        session.log.event(session.id, TransactionLog.auth("failed", ip(session), user, mechanism));
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay);                                    // this session's own virtual thread
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return session.logins.throttle().blocked(session.client.getAddress()) ? new Step.Close(Replies.AUTH_BLOCKED)
                : Step.respond(Replies.AUTH_FAILED);
    }

    private static String ip(SessionContext session) {
        return session.client.getAddress().getHostAddress();
    }
}
