package org.godshell.toaster.users;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where mail for one address goes, as the user store sees it ({@link UserStore#route}). The caller (local
 * delivery, the chkuser check) decides what to do with each kind; a file that cannot be read is not a route but
 * a {@link UserStoreException}, which the caller turns into a deferral (4.3.0).
 */
public sealed interface Route {

    /**
     * A real user: deliver into {@code maildir}; {@code folder} is the plus-address tag when the Maildir++ folder
     * {@code .<tag>} exists (e.g. "lists" for user+lists@d and Maildir/.lists/), else empty.
     *
     * @param address the user's own address ({@code user@d}, without the tag), lowercase
     */
    record Mailbox(String address, Path maildir, Optional<String> folder) implements Route {
        public Mailbox {
            java.util.Objects.requireNonNull(address, "address");
            java.util.Objects.requireNonNull(maildir, "maildir");
            java.util.Objects.requireNonNull(folder, "folder");
        }
    }

    /**
     * A user whose Maildir is on another host of a shared user database: relay the mail to {@code host}, which
     * delivers it (and files it by its plus-address tag).
     *
     * @param address the address as routed, tag included
     * @param host    the domain's mailbox host ({@code domains.mailbox_host}), that host's {@code control/me}
     */
    record Relay(String address, String host) implements Route {
        public Relay {
            java.util.Objects.requireNonNull(address, "address");
            java.util.Objects.requireNonNull(host, "host");
        }
    }

    /** An alias or the catch-all: deliver to each target instead (the caller resolves each again, with a hop limit). */
    record Forward(List<String> targets) implements Route {
        public Forward {
            targets = List.copyOf(targets);
        }
    }

    /** The domain is ours but nobody has this name: bounce with 5.1.1. */
    record NoSuchUser() implements Route {}

    /** The domain is not one of the store's virtual domains. */
    record NotLocal() implements Route {}
}
