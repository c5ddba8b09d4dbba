package org.godshell.toaster.doctor;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.hostcheck.Finding;
import org.godshell.toaster.users.UserStore;
import org.godshell.toaster.users.UserStoreException;

/**
 * The users as the daemons find them when {@code control/userdb} names a shared database: whether it answers
 * (and so whether mail for its domains is taken or deferred with 451), how many domains it holds, and how many
 * of them keep their mail on this host. Users in files need no finding: the layout check covers {@code domains/}.
 */
final class UserDbCheck {

    private UserDbCheck() {
    }

    static Optional<Finding> check(Path prefix) {
        try (UserStore users = UserStore.open(prefix)) {
            if (!users.sharedDatabase()) {
                return Optional.empty();
            }
            List<String> domains = users.domains();
            int here = 0;
            for (String domain : domains) {
                here += users.mailboxHost(domain).isEmpty() ? 1 : 0;
            }
            return Optional.of(Finding.ok("users: " + users.describe() + " answers: " + domains.size()
                    + " domain(s), " + here + " with their mail on this host"));
        } catch (UserStoreException e) {
            // The store's message says what waits meanwhile.
            return Optional.of(Finding.fail("users: " + e.getMessage()));
        }
    }
}
