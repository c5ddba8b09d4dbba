package org.godshell.toaster.installer.step;

import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/**
 * The domain and the admin's mailbox when the users live in a shared database ({@code --users}): asked and added
 * through the payload's own {@code toaster domain list|add} and {@code user list|add}, which read control/userdb.
 * The first host adds them; a host joining later finds them there and leaves them as they are, with their
 * password and mailbox host. An "exists already" answer (another host added it a moment before) counts as there.
 */
final class SharedUsers {

    /** The toaster's answer when the row is there already (users.sql.UserEdits, users.Edits). */
    static final String EXISTS = " exists already";

    private final StepContext context;

    SharedUsers(StepContext context) {
        this.context = context;
    }

    /** Whether the database lists the domain; false while the toaster or its control/userdb is not in place yet. */
    boolean hasDomain(String domain) throws StepException {
        return ready() && list("domain", "list").stream().anyMatch(line -> line.split("\t", 2)[0].equals(domain));
    }

    /** Whether the database lists the user in its domain. */
    boolean hasUser(String domain, String address) throws StepException {
        return ready() && list("user", "list", domain).contains(address);
    }

    /**
     * Runs an add; true when it added, false when the row was there already (then the step says so), and the
     * toaster's own message otherwise.
     */
    boolean add(List<String> argv, Optional<String> stdin, String what) throws StepException {
        Commands.Result result = context.commands().run(argv, stdin);
        if (result.ok()) {
            return true;
        }
        if (result.err().contains(EXISTS)) {
            context.out().println("         " + what + " is in the user database already (another host added it):"
                    + " left as it is");
            return false;
        }
        String why = result.err().isBlank() ? result.out() : result.err();
        throw new StepException(String.join(" ", argv) + " failed (exit " + result.exit() + "): " + why.strip());
    }

    private boolean ready() {
        return Files.isExecutable(context.root().resolve("bin/toaster"))
                && Files.isRegularFile(context.root().resolve(UsersDatabaseStep.USERDB));
    }

    /** The lines a listing prints; none when the toaster cannot answer (the add then names the cause). */
    private List<String> list(String... args) throws StepException {
        Commands.Result result = context.commands().run(context.toaster(args));
        return result.ok() ? result.out().lines().toList() : List.of();
    }
}
