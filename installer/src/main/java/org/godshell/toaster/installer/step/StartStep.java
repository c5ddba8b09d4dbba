package org.godshell.toaster.installer.step;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * smtpd and pop3d running, restarted when this run changed what they read: through systemd where it runs the
 * host, else through {@code toaster start} (pid files in run/, logs in log/), which drops to the
 * {@value SystemUserStep#USER} user in system mode.
 */
final class StartStep implements Step {

    private final StepContext context;

    StartStep(StepContext context) {
        this.context = context;
    }

    private boolean viaSystemd() {
        return context.systemd() && !context.settings().unprivileged();
    }

    @Override
    public String name() {
        return "start";
    }

    @Override
    public String describe() {
        return "smtpd, pop3d and the wiki running (" + (viaSystemd() ? "systemd" : "toaster start, no systemd here")
                + "; restarted if this run changed them)";
    }

    @Override
    public boolean isDone() throws StepException {
        return !context.changes().needsRestart() && running();
    }

    boolean running() throws StepException {
        if (viaSystemd()) {
            List<String> argv = new ArrayList<>(List.of("systemctl", "is-active", "--quiet"));
            ServiceUnitsStep.DAEMONS.forEach(daemon -> argv.add(ServiceUnitsStep.unit(daemon)));
            return context.commands().run(argv).ok();
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
        if (viaSystemd()) {
            List<String> argv = new ArrayList<>(List.of("systemctl", "restart"));
            ServiceUnitsStep.DAEMONS.forEach(daemon -> argv.add(ServiceUnitsStep.unit(daemon)));
            context.commands().require(argv, Optional.empty());
            return;
        }
        if (anyPidFile()) {
            context.commands().require(context.toaster("stop"), Optional.empty());
        }
        List<String> start = context.settings().unprivileged() ? context.toaster("start")
                : context.toaster("start", "--user", SystemUserStep.USER);
        context.out().print(context.commands().require(start, Optional.empty()).out().indent(9));
    }
}
