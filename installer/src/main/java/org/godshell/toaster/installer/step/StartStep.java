package org.godshell.toaster.installer.step;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.godshell.toaster.hostcheck.Finding;
import org.godshell.toaster.layout.Daemons;

/**
 * smtpd, pop3d and the wiki running, each restarted only when this run changed what it reads: through systemd
 * where it runs the host, else through {@code toaster start} (pid files in run/, logs in log/), which drops to the
 * {@value SystemUserStep#USER} user in system mode. Then every port of the listen files answers, or after
 * {@link #READY_LIMIT} the step says which one is still missing and where to look.
 */
final class StartStep implements Step {

    /** As long as {@code toaster start} waits for a daemon: three JVMs starting at once on a busy small host. */
    static final Duration READY_LIMIT = Duration.ofSeconds(60);

    private final StepContext context;

    StartStep(StepContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "start";
    }

    @Override
    public String describe() {
        return "smtpd, pop3d and the wiki running (" + (context.services().isPresent() ? "systemd"
                : "toaster start, no systemd here") + "; restarted if this run changed them)";
    }

    @Override
    public boolean isDone() throws StepException {
        return !context.changes().needsRestart() && running();
    }

    boolean running() throws StepException {
        if (context.services().isPresent()) {
            for (String daemon : Daemons.ALL) {
                if (!context.services().get().is(context.commands(), "is-active", daemon)) {
                    return false;
                }
            }
            return true;
        }
        return Files.isExecutable(context.root().resolve("bin/toaster"))
                && context.commands().run(context.toaster("status")).ok();
    }

    /**
     * Whether {@code toaster start} left a pid file in run/: without one nothing of this prefix runs under the
     * supervisor, and a fresh install saves the second that starting a JVM to stop nothing costs.
     */
    private boolean anyPidFile() throws StepException {
        Path run = context.root().resolve("run");
        if (!Files.isDirectory(run, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (Stream<Path> files = Files.list(run)) {
            return files.anyMatch(file -> file.getFileName().toString().endsWith(".pid"));
        } catch (IOException e) {
            throw new StepException("cannot list " + run + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void apply() throws StepException {
        List<String> restart = context.changes().toRestart();
        if (context.services().isPresent()) {
            Systemd systemd = context.services().get();
            if (!restart.isEmpty()) {
                context.commands().require(systemd.argv("restart", restart), Optional.empty());
            }
            // start leaves an active unit alone: only what is down comes up.
            context.commands().require(systemd.argv("start", Daemons.ALL), Optional.empty());
        } else {
            if (!restart.isEmpty() && anyPidFile()) {
                List<String> stop = new ArrayList<>(context.toaster("stop"));
                stop.addAll(restart);
                context.commands().require(stop, Optional.empty());
            }
            List<String> start = context.settings().unprivileged() ? context.toaster("start")
                    : context.toaster("start", "--user", SystemUserStep.USER);
            context.out().print(context.commands().require(start, Optional.empty()).out().indent(9));
        }
        awaitPorts();
    }

    /** Until every port answers, at most {@link #READY_LIMIT}; then says what is still starting. */
    private void awaitPorts() throws StepException {
        long started = System.nanoTime();
        try {
            List<Finding> missing = new Listening(context.root(), context.proc()).await(READY_LIMIT);
            if (missing.isEmpty()) {
                context.out().printf("         every port answers (%.1f s)%n", (System.nanoTime() - started) / 1e9);
                return;
            }
            context.out().println("         still starting after " + READY_LIMIT.toSeconds() + " s:");
            missing.forEach(finding -> context.out().println("       " + finding.line()));
            context.out().println("         look with: " + (context.services().isPresent()
                    ? "systemctl status 'toaster-*'; " : "") + context.root().resolve("bin/toaster") + " doctor");
        } catch (IOException e) {
            throw new StepException("cannot read the listen files in " + context.root().resolve("control") + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepException("interrupted while waiting for the daemons to listen", e);
        }
    }
}
