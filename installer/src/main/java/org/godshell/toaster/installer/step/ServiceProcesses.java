package org.godshell.toaster.installer.step;

import java.time.Duration;
import java.util.List;
import org.godshell.toaster.hostcheck.PortOwners;

/**
 * The processes that must be gone before an uninstall removes anything: in system mode every process of the
 * {@value SystemUserStep#USER} user (userdel refuses to remove a user that runs one, and a daemon whose program
 * files are gone would go on serving), else this prefix's daemons. Read from {@code /proc}.
 */
final class ServiceProcesses {

    /** As long as {@code toaster stop} lets a daemon finish before it kills it, and a little more. */
    static final Duration STOP_LIMIT = Duration.ofSeconds(30);

    private final StepContext context;
    private final PortOwners proc;

    ServiceProcesses(StepContext context) {
        this.context = context;
        this.proc = new PortOwners(context.proc());
    }

    List<PortOwners.Owner> running() throws StepException {
        if (context.settings().unprivileged()) {
            return proc.toastersOf(context.root());
        }
        Commands.Result id = context.commands().run(List.of("id", "-u", SystemUserStep.USER));
        if (!id.ok() || !id.out().strip().matches("[0-9]{1,10}")) {
            return List.of();                                          // no such user: nothing of it runs
        }
        return proc.runningAs(Integer.parseInt(id.out().strip()));
    }

    /** Waits up to {@link #STOP_LIMIT} for the processes to end; then names those left and how to end them. */
    void awaitNone() throws StepException {
        long deadline = System.nanoTime() + STOP_LIMIT.toNanos();
        List<PortOwners.Owner> left = running();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StepException("interrupted while waiting for the daemons to stop", e);
            }
            left = running();
        }
        if (!left.isEmpty()) {
            throw new StepException("still running after " + STOP_LIMIT.toSeconds() + " s: " + String.join(", ",
                    left.stream().map(owner -> owner.name() + " (pid " + owner.pid() + ")").toList())
                    + ", so nothing was removed: end them (kill PID)");
        }
    }
}
