package org.godshell.toaster.installer;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.godshell.toaster.installer.prefix.Prefix;
import org.godshell.toaster.installer.prefix.PrefixException;
import org.godshell.toaster.installer.settings.Settings;
import org.godshell.toaster.installer.settings.SettingsException;
import org.godshell.toaster.installer.step.Commands;
import org.godshell.toaster.installer.step.Dovecot;
import org.godshell.toaster.installer.step.Journal;
import org.godshell.toaster.installer.step.Plan;
import org.godshell.toaster.installer.step.StepContext;
import org.godshell.toaster.installer.step.StepException;
import org.godshell.toaster.installer.step.Systemd;
import org.godshell.toaster.installer.step.UninstallSteps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code uninstall}: services and program files go; mail, queue, users and configuration stay unless --purge. */
@Command(name = "uninstall", mixinStandardHelpOptions = true,
        description = {"Stop and remove the services and the program files. control/, domains/ (the mail and the "
                + "users), queue/ and var/ stay, so installing again brings everything back.",
            "Exit codes: 0 done, 1 a step failed (rerun), 2 bad arguments or --purge not confirmed, 3 nothing installed."})
final class UninstallCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--prefix", paramLabel = "DIR", defaultValue = "/opt/toaster",
            description = "The toaster to remove (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--purge", description = "Also delete ALL mail, the queue, the users, the configuration and the "
            + "system user. Asks first, unless --yes.")
    boolean purge;

    @Option(names = {"--yes", "-y"}, description = "Do not ask (needed for --purge without a terminal).")
    boolean yes;

    @Option(names = "--dry-run", description = "Print the steps and change nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            Prefix target = Prefix.of(prefix);
            if (!Files.exists(target.root().resolve(Prefix.MARKER))) {
                return fail(ExitCode.PREFLIGHT, "no toaster is installed in " + target.root() + " (" + Prefix.MARKER
                        + " is missing); nothing to remove");
            }
            Settings settings = Installed.settings(target);
            if (purge && !yes && !dryRun) {
                Optional<Terminal> terminal = Terminal.unless(false);
                if (terminal.isEmpty()) {
                    return fail(ExitCode.USAGE, "--purge deletes all mail in " + target.root() + "; add --yes to "
                            + "confirm (there is no terminal to ask)");
                }
                if (!terminal.get().confirm("Delete " + target.root() + " with ALL mail, queue and users?")) {
                    return fail(ExitCode.USAGE, "not confirmed; nothing was changed");
                }
            }
            StepContext context = new StepContext(settings, target, new Commands(settings.java()), out,
                    Systemd.ofThisHost(), Host.PROC, Optional.empty(), new StepContext.Changes(), Dovecot.ofThisHost());
            Plan plan = new Plan(UninstallSteps.of(context, purge), out);
            out.println((dryRun ? "Plan to uninstall " : "Uninstalling ") + "the toaster in " + target.root());
            if (dryRun) {
                plan.preview();
                return ExitCode.OK;
            }
            plan.apply(Journal.none());
            out.println(purge ? "removed everything in " + target.root()
                    : "kept in " + target.root() + ": control/, domains/ (mail and users), queue/, var/; "
                            + "uninstall --purge deletes them");
            return ExitCode.OK;
        } catch (PrefixException | SettingsException e) {
            return fail(ExitCode.USAGE, e.getMessage());
        } catch (StepException | IOException e) {
            return fail(ExitCode.STEP_FAILED, e.getMessage() + "; fix the cause and run uninstall again");
        }
    }

    private int fail(int code, String message) {
        spec.commandLine().getErr().println("toaster-installer: " + message);
        return code;
    }
}
