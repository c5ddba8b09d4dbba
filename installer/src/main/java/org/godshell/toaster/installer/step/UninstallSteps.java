package org.godshell.toaster.installer.step;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.installer.prefix.Installation;

/**
 * The steps of {@code uninstall}: stop the daemons, remove the units and the program files; with --purge also
 * everything else (mail, queue, users, configuration) and the system user. Without --purge, control/, domains/,
 * queue/ and var/ stay, so a later install finds them as they were.
 */
public final class UninstallSteps {

    /** What the program is made of: removed by uninstall; everything else in the prefix is the admin's data. */
    static final List<String> PROGRAM = List.of("bin", "lib", "plugins", "wiki-content", "VERSION", Journal.FILE);

    private UninstallSteps() {
    }

    public static List<Step> of(StepContext context, boolean purge) {
        List<Step> steps = new ArrayList<>();
        steps.add(new Stop(context));
        if (context.systemd() && !context.settings().unprivileged()) {
            steps.add(new RemoveUnits(context));
        }
        steps.add(new RemoveProgram(context));
        if (purge) {
            steps.add(new Purge(context));
        }
        return steps;
    }

    private record Stop(StepContext context) implements Step {
        @Override
        public String name() {
            return "stop";
        }

        @Override
        public String describe() {
            return "smtpd and pop3d stopped";
        }

        private boolean viaSystemd() {
            return context.systemd() && !context.settings().unprivileged();
        }

        @Override
        public boolean isDone() throws StepException {
            if (viaSystemd()) {                                    // is-active: 0 when at least one is active
                return !context.commands().run(List.of("systemctl", "is-active", "--quiet",
                        ServiceUnitsStep.unit("smtpd"), ServiceUnitsStep.unit("pop3d"))).ok();
            }
            return !Files.isExecutable(context.root().resolve("bin/toaster"))
                    || !context.commands().run(context.toaster("status", "smtpd")).ok()
                    && !context.commands().run(context.toaster("status", "pop3d")).ok();
        }

        @Override
        public void apply() throws StepException {
            if (viaSystemd()) {
                context.commands().run(List.of("systemctl", "disable", "--now", ServiceUnitsStep.unit("smtpd"),
                        ServiceUnitsStep.unit("pop3d")));
            } else {
                context.commands().require(context.toaster("stop"), Optional.empty());
            }
        }
    }

    private record RemoveUnits(StepContext context) implements Step {
        @Override
        public String name() {
            return "remove-units";
        }

        @Override
        public String describe() {
            return "systemd units toaster-smtpd.service and toaster-pop3d.service removed";
        }

        @Override
        public boolean isDone() {
            return ServiceUnitsStep.DAEMONS.stream().noneMatch(daemon -> Files.exists(
                    context.units().resolve(ServiceUnitsStep.unit(daemon)), LinkOption.NOFOLLOW_LINKS));
        }

        @Override
        public void apply() throws IOException, StepException {
            for (String daemon : ServiceUnitsStep.DAEMONS) {
                Files.deleteIfExists(context.units().resolve(ServiceUnitsStep.unit(daemon)));
            }
            context.commands().require(List.of("systemctl", "daemon-reload"), Optional.empty());
        }
    }

    private record RemoveProgram(StepContext context) implements Step {
        @Override
        public String name() {
            return "remove-program";
        }

        @Override
        public String describe() {
            return "program files removed (" + String.join(", ", PROGRAM) + "); control/, domains/, queue/ kept";
        }

        @Override
        public boolean isDone() {
            return PROGRAM.stream().noneMatch(name -> Files.exists(context.root().resolve(name), LinkOption.NOFOLLOW_LINKS));
        }

        @Override
        public void apply() throws IOException {
            for (String name : PROGRAM) {
                Installation.discard(context.root().resolve(name));
            }
        }
    }

    private record Purge(StepContext context) implements Step {
        @Override
        public String name() {
            return "purge";
        }

        @Override
        public String describe() {
            return "everything deleted: " + context.root() + " with all mail, queue, users and configuration"
                    + (context.settings().unprivileged() ? "" : ", and the system user " + SystemUserStep.USER);
        }

        @Override
        public boolean isDone() throws StepException {
            return !Files.exists(context.root(), LinkOption.NOFOLLOW_LINKS) && (context.settings().unprivileged()
                    || !context.commands().run(List.of("id", "-u", SystemUserStep.USER)).ok());
        }

        @Override
        public void apply() throws IOException, StepException {
            Path root = context.root();
            Installation.discard(root);
            if (!context.settings().unprivileged() && context.commands().run(List.of("id", "-u", SystemUserStep.USER)).ok()) {
                context.commands().require(List.of("userdel", SystemUserStep.USER), Optional.empty());
            }
        }
    }
}
