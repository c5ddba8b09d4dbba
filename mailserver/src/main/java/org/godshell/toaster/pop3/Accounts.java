package org.godshell.toaster.pop3;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.godshell.toaster.auth.AuthThrottle;
import org.godshell.toaster.auth.Authenticator;
import org.godshell.toaster.users.Address;
import org.godshell.toaster.users.UserStoreException;

/**
 * Who may log in and where their mail is: the password check (the user store's constant-time
 * {@code verify}), the throttle against password guessing (the same kind the SMTP server's AUTH uses), the
 * {@code domains/} directory holding {@code <domain>/<user>/Maildir/}, and, for a shared user database, which
 * domains another host keeps the mail of, and that a user's missing Maildir is made at login (the user was added
 * on another host and has had no mail yet). With users in files a missing Maildir is an error instead: the
 * toaster made it with the user, so its absence means a problem (a disk not mounted) that an empty mailbox
 * would hide.
 */
public record Accounts(Authenticator users, AuthThrottle throttle, Path domains, MailboxHosts elsewhere,
        boolean makeMaildirs) {

    /** The host keeping a domain's mail when it is not this one ({@code UserStore#mailboxHost}). */
    @FunctionalInterface
    public interface MailboxHosts {
        Optional<String> of(String domain) throws UserStoreException;
    }

    public Accounts {
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(throttle, "throttle");
        Objects.requireNonNull(elsewhere, "elsewhere");
        domains = domains.toAbsolutePath().normalize();
    }

    /** Accounts whose mail is all on this host: users in files. */
    public Accounts(Authenticator users, AuthThrottle throttle, Path domains) {
        this(users, throttle, domains, domain -> Optional.empty(), false);
    }

    /** The Maildir of a store address; its parts passed {@link Address}'s checks, so they are safe as names. */
    Path maildir(Address address) {
        return domains.resolve(address.domain()).resolve(address.local()).resolve("Maildir");
    }
}
