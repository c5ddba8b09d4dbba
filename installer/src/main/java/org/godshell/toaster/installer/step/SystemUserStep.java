package org.godshell.toaster.installer.step;

import java.util.List;
import java.util.Optional;
import org.godshell.toaster.layout.Accounts;

/**
 * The system user {@value #USER} (and its group) that the daemons run as: no login shell, no home of its own,
 * not root. It owns the queue, the mailboxes and the wiki and nothing else; the program and control/ stay
 * root's, so a compromised daemon cannot change its own code or settings.
 *
 * <p>One user, not a daemon user plus a mailbox owner: {@code toaster smtpd} delivers into the Maildirs itself
 * and {@code toaster pop3d} reads them, and Maildir files are created mode 0600, so both must be the same uid.
 */
final class SystemUserStep implements Step {

    /** The daemons' user and group. */
    static final String USER = Accounts.SERVICE_USER;

    private final StepContext context;

    SystemUserStep(StepContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "system-user";
    }

    @Override
    public String describe() {
        return "system user and group " + USER + " (runs smtpd, pop3d and the wiki; owns queue/, domains/, wiki/)";
    }

    @Override
    public boolean isDone() throws StepException {
        return context.commands().run(List.of("id", "-u", USER)).ok();
    }

    @Override
    public void apply() throws StepException {
        context.commands().require(List.of("useradd", "--system", "--user-group", "--no-create-home",
                "--home-dir", context.root().toString(), "--shell", "/usr/sbin/nologin",
                "--comment", "Godshell Toaster daemons", USER), Optional.empty());
    }
}
