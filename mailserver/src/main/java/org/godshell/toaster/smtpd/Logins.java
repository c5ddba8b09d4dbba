package org.godshell.toaster.smtpd;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.auth.AuthThrottle;
import org.godshell.toaster.auth.Authenticator;
import org.godshell.toaster.auth.CramMd5SecretSource;
import org.godshell.toaster.auth.ScramCredentialsSource;

/**
 * SMTP AUTH for a server: who checks passwords, where SCRAM-SHA-256 and CRAM-MD5 find stored secrets, the
 * throttle shared by all sessions, and the submission addresses (RFC 6409, port 587) where MAIL needs a login.
 * Which mechanisms are offered is the configuration's ({@code control/smtpauthmechs}).
 *
 * @param users   empty when the server offers no AUTH
 * @param scram   SCRAM credentials by address; a source that has none makes every SCRAM login fail (535)
 * @param cramMd5 CRAM-MD5 secrets by address; a source that has none makes every CRAM-MD5 login fail (535)
 */
public record Logins(Optional<Authenticator> users, AuthThrottle throttle, List<InetSocketAddress> submission,
        ScramCredentialsSource scram, CramMd5SecretSource cramMd5) {

    public Logins {
        submission = List.copyOf(submission);
    }

    /** Without CRAM-MD5 secrets: CRAM-MD5, if offered, always fails. */
    public Logins(Optional<Authenticator> users, AuthThrottle throttle, List<InetSocketAddress> submission,
            ScramCredentialsSource scram) {
        this(users, throttle, submission, scram, address -> Optional.empty());
    }

    /** Without SCRAM credentials: SCRAM-SHA-256 runs to the end and fails, PLAIN and LOGIN work. */
    public Logins(Optional<Authenticator> users, AuthThrottle throttle, List<InetSocketAddress> submission) {
        this(users, throttle, submission, address -> Optional.empty());
    }

    public static Logins none() {
        return new Logins(Optional.empty(), new AuthThrottle(Clock.systemUTC()), List.of());
    }

    public static Logins with(Authenticator users, List<InetSocketAddress> submission) {
        return new Logins(Optional.of(users), new AuthThrottle(Clock.systemUTC()), submission);
    }

    public static Logins with(Authenticator users, ScramCredentialsSource scram, CramMd5SecretSource cramMd5,
            List<InetSocketAddress> submission) {
        return new Logins(Optional.of(users), new AuthThrottle(Clock.systemUTC()), submission, scram, cramMd5);
    }
}
