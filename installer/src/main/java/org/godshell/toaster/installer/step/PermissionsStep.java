package org.godshell.toaster.installer.step;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.godshell.toaster.layout.Accounts;
import org.godshell.toaster.layout.Layout;
import org.godshell.toaster.layout.Permissions;

/**
 * Who may read and write what, as the {@link Layout} has it (the same table {@code toaster doctor} checks and
 * {@code doctor --fix} repairs): {@code queue/}, {@code var/} 0700, {@code wiki/} and {@code domains/} 0750 with
 * nothing in {@code domains/} for others (the passwd files hold password hashes), the secrets in {@code
 * control/} 0600; in system mode these belong to the {@value Accounts#SERVICE_USER} user, {@code control/} stays
 * root's and writable by no one else. Links are never followed nor changed.
 */
final class PermissionsStep implements Step {

    private final StepContext context;

    PermissionsStep(StepContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "permissions";
    }

    @Override
    public String describe() {
        return "permissions: queue/, var/ 0700, domains/ 0750 and nothing in it for others, servercert.pem 0600"
                + (context.settings().unprivileged() ? "" : ", owned by " + Accounts.SERVICE_USER);
    }

    @Override
    public boolean isDone() throws IOException {
        if (!Files.isDirectory(context.root())) {
            return false;                                          // a plan for a prefix still to be made
        }
        try {
            return permissions().problems().isEmpty();
        } catch (Accounts.Missing e) {
            return false;                                          // the user comes with an earlier step
        }
    }

    @Override
    public void apply() throws IOException {
        permissions().fix();
    }

    private Permissions permissions() throws IOException {
        Path root = context.root();
        return new Permissions(root, context.settings().unprivileged() ? Accounts.unprivileged(root)
                : Accounts.system(root));
    }
}
