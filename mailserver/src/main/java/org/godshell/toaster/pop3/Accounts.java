package org.godshell.toaster.pop3;

import java.nio.file.Path;
import java.util.Objects;
import org.godshell.toaster.auth.AuthThrottle;
import org.godshell.toaster.auth.Authenticator;
import org.godshell.toaster.users.Address;

/**
 * Who may log in and where their mail is: the password check (the user store's constant-time
 * {@code verify}), the throttle against password guessing (the same kind the SMTP server's AUTH uses), and
 * the {@code domains/} directory holding {@code <domain>/<user>/Maildir/}.
 */
public record Accounts(Authenticator users, AuthThrottle throttle, Path domains) {

    public Accounts {
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(throttle, "throttle");
        domains = domains.toAbsolutePath().normalize();
    }

    /** The Maildir of a store address; its parts passed {@link Address}'s checks, so they are safe as names. */
    Path maildir(Address address) {
        return domains.resolve(address.domain()).resolve(address.local()).resolve("Maildir");
    }
}
