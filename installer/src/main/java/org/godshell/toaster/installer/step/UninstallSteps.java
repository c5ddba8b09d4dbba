package org.godshell.toaster.installer.step;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.installer.prefix.Installation;
import org.godshell.toaster.installer.prefix.Prefix;
import org.godshell.toaster.layout.BackupUnits;
import org.godshell.toaster.layout.Daemons;
import org.godshell.toaster.layout.StatsUnits;

/**
 * The steps of {@code uninstall}: stop every daemon (each unit the installer ever wrote, or {@code toaster
 * stop}), remove the units, the Dovecot drop-in ({@link RemoveImapStep}) and the program files; with --purge
 * also the system user and then everything else (mail, queue, users, configuration). Everything is stopped
 * before anything is removed, and the prefix's marker goes last: an interrupted run is finished by running it
 * again. Without --purge, control/, domains/, queue/ and var/ stay, so a later install finds them as they were.
 */
public final class UninstallSteps {

    /** What the program is made of: removed by uninstall; everything else in the prefix is the admin's data. */
    static final List<String> PROGRAM = List.of("bin", "lib", JvmCacheStep.DIRECTORY, "plugins", "share",
            "wiki-content", "VERSION", Journal.FILE);

    /** The scheduled jobs' units, each timer before its service. */
    private static final List<String> TIMER_UNITS = List.of(BackupUnits.TIMER, BackupUnits.SERVICE, StatsUnits.TIMER,
            StatsUnits.SERVICE);

    private UninstallSteps() {
    }

    public static List<Step> of(StepContext context, boolean purge) {
        boolean system = !context.settings().unprivileged();
        List<Step> steps = new ArrayList<>();
        steps.add(new Stop(context, new ServiceProcesses(context)));
        if (context.services().isPresent()) {
            steps.add(new RemoveUnits(context));
        }
        if (system) {
            steps.add(new RemoveImapStep(context));
        }
        if (purge && system) {
            steps.add(new RemoveUser(context));
        }
        steps.add(new RemoveProgram(context));
        if (purge) {
            steps.add(new Purge(context));
        }
        return steps;
    }

    private record Stop(StepContext context, ServiceProcesses processes) implements Step {
        @Override
        public String name() {
            return "stop";
        }

        @Override
        public String describe() {
            return "smtpd, pop3d and the wiki stopped" + (context.services().isPresent() ? " and disabled" : "");
        }

        @Override
        public boolean isDone() throws StepException {
            if (context.services().isPresent()) {
                Systemd systemd = context.services().get();
                for (String daemon : Daemons.ALL) {
                    if (systemd.is(context.commands(), "is-active", daemon)
                            || systemd.is(context.commands(), "is-enabled", daemon)) {
                        return false;
                    }
                }
            } else if (Files.isExecutable(context.root().resolve("bin/toaster"))) {
                for (String daemon : Daemons.ALL) {
                    if (context.commands().run(context.toaster("status", daemon)).ok()) {
                        return false;
                    }
                }
            }
            return processes.running().isEmpty();
        }

        @Override
        public void apply() throws StepException {
            if (context.services().isPresent()) {
                // A unit already gone is not an error here.
                context.commands().run(context.services().get().argv("disable", Daemons.ALL, "--now",
                        "--quiet"));
            } else if (Files.isExecutable(context.root().resolve("bin/toaster"))) {
                context.commands().require(context.toaster("stop"), Optional.empty());
            }
            processes.awaitNone();
        }
    }

    private record RemoveUnits(StepContext context) implements Step {
        @Override
        public String name() {
            return "remove-units";
        }

        @Override
        public String describe() {
            return "systemd units " + String.join(", ", Daemons.ALL.stream().map(Daemons::unit)
                    .toList()) + ", " + String.join(", ", TIMER_UNITS) + " removed";
        }

        @Override
        public boolean isDone() {
            Systemd systemd = context.services().orElseThrow();
            return Daemons.ALL.stream().noneMatch(daemon -> Files.exists(systemd.file(daemon),
                    LinkOption.NOFOLLOW_LINKS)) && TIMER_UNITS.stream().noneMatch(unit ->
                    Files.exists(systemd.units().resolve(unit), LinkOption.NOFOLLOW_LINKS))
                    && !Files.exists(systemd.units().resolve(StatsUnits.AT_DROP_IN), LinkOption.NOFOLLOW_LINKS);
        }

        @Override
        public void apply() throws IOException, StepException {
            Systemd systemd = context.services().orElseThrow();
            for (String daemon : Daemons.ALL) {
                Files.deleteIfExists(systemd.file(daemon));
            }
            // The timers off first, so that no backup or report starts from a unit being removed; a unit
            // already gone is not an error here.
            context.commands().run(systemd.units("disable", List.of(BackupUnits.TIMER, StatsUnits.TIMER), "--now",
                    "--quiet"));
            context.commands().run(systemd.units("stop", List.of(BackupUnits.SERVICE, StatsUnits.SERVICE)));
            for (String unit : TIMER_UNITS) {
                Files.deleteIfExists(systemd.units().resolve(unit));
            }
            // What toaster stats schedule --at wrote; a directory the admin put more into stays, with those.
            Files.deleteIfExists(systemd.units().resolve(StatsUnits.AT_DROP_IN));
            Path dropIns = systemd.units().resolve(StatsUnits.DROP_INS);
            if (Files.isDirectory(dropIns, LinkOption.NOFOLLOW_LINKS) && empty(dropIns)) {
                Files.delete(dropIns);
            }
            context.commands().require(systemd.argv("daemon-reload", List.of()), Optional.empty());
            // A unit that never failed has nothing to forget.
            context.commands().run(systemd.argv("reset-failed", Daemons.ALL));
        }

        private static boolean empty(Path dir) throws IOException {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                return !entries.iterator().hasNext();
            }
        }
    }

    private record RemoveUser(StepContext context) implements Step {
        @Override
        public String name() {
            return "remove-user";
        }

        @Override
        public String describe() {
            return "the system user and group " + SystemUserStep.USER + " removed";
        }

        @Override
        public boolean isDone() throws StepException {
            return !context.commands().run(List.of("id", "-u", SystemUserStep.USER)).ok();
        }

        @Override
        public void apply() throws StepException {
            context.commands().require(List.of("userdel", SystemUserStep.USER), Optional.empty());
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

    /** The prefix deleted with everything in it, its marker last, so that a run cut short can be run again. */
    private record Purge(StepContext context) implements Step {
        @Override
        public String name() {
            return "purge";
        }

        @Override
        public String describe() {
            return "everything deleted: " + context.root() + " with all mail, queue, users and configuration";
        }

        @Override
        public boolean isDone() {
            return !Files.exists(context.root(), LinkOption.NOFOLLOW_LINKS);
        }

        @Override
        public void apply() throws IOException {
            Path root = context.root();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
                for (Path entry : entries) {
                    if (!entry.getFileName().toString().equals(Prefix.MARKER)) {
                        Installation.discard(entry);
                    }
                }
            }
            Files.deleteIfExists(root.resolve(Prefix.MARKER));
            Files.delete(root);
        }
    }
}
