package org.godshell.toaster.installer.step;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.godshell.toaster.installer.settings.UsersDatabase;
import org.godshell.toaster.io.AtomicFile;

/**
 * With {@code --users}: control/userdb names the shared PostgreSQL database and control/userdbpassword (mode 0600;
 * {@link PermissionsStep} gives it to the service's user, as every secret of the layout) holds its role's password.
 * Written before the domain and the admin's mailbox, which {@code toaster domain add} and {@code user add} then put
 * in the database. A rerun finds both files as they are and changes nothing; uninstall keeps them with control/,
 * purge removes them with it.
 */
final class UsersDatabaseStep implements Step {

    static final String USERDB = "control/userdb";
    static final String PASSWORD = "control/userdbpassword";

    private final StepContext context;
    private final UsersDatabase users;

    UsersDatabaseStep(StepContext context, UsersDatabase users) {
        this.context = context;
        this.users = users;
    }

    @Override
    public String name() {
        return "users-database";
    }

    @Override
    public String describe() {
        return "users in the PostgreSQL database " + users.url() + ": " + USERDB + ", " + PASSWORD + " (mode 0600)";
    }

    @Override
    public boolean isDone() throws IOException {
        return holds(USERDB, users.url()) && holds(PASSWORD, users.password());
    }

    @Override
    public void apply() throws IOException {
        boolean changed = false;
        Files.createDirectories(context.root().resolve("control"));
        if (!holds(PASSWORD, users.password())) {
            AtomicFile.write(context.root().resolve(PASSWORD), users.password() + "\n", "rw-------");
            changed = true;
        }
        if (!holds(USERDB, users.url())) {
            AtomicFile.write(context.root().resolve(USERDB), users.url() + "\n", "rw-r--r--");
            changed = true;
        }
        if (changed) {
            // Every daemon opens its user store from these files when it starts.
            context.changes().restartAll();
        }
    }

    /** Whether the file's first line is {@code value}, as the daemons read it (spaces around it dropped). */
    private boolean holds(String relative, String value) throws IOException {
        Path file = context.root().resolve(relative);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip().equals(value);
    }
}
