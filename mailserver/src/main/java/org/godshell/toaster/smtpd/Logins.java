package org.godshell.toaster.smtpd;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.auth.AuthThrottle;
import org.godshell.toaster.auth.Authenticator;

/**
 * SMTP AUTH for a server: who checks passwords, the throttle shared by all sessions, and the submission
 * addresses (RFC 6409, port 587) where MAIL needs a login.
 *
 * @param users empty when the server offers no AUTH
 */
public record Logins(Optional<Authenticator> users, AuthThrottle throttle, List<InetSocketAddress> submission) {

    public Logins {
        submission = List.copyOf(submission);
    }

    public static Logins none() {
        return new Logins(Optional.empty(), new AuthThrottle(Clock.systemUTC()), List.of());
    }

    public static Logins with(Authenticator users, List<InetSocketAddress> submission) {
        return new Logins(Optional.of(users), new AuthThrottle(Clock.systemUTC()), submission);
    }
}
