package org.godshell.toaster.installer;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.godshell.toaster.installer.payload.PayloadException;
import org.godshell.toaster.hostcheck.Finding;
import org.godshell.toaster.installer.preflight.Preflight;
import org.godshell.toaster.installer.prefix.Prefix;
import org.godshell.toaster.installer.prefix.PrefixException;
import org.godshell.toaster.installer.settings.AcmeSettings;
import org.godshell.toaster.installer.settings.InstallRecord;
import org.godshell.toaster.installer.settings.Settings;
import org.godshell.toaster.installer.settings.SettingsException;
import org.godshell.toaster.installer.settings.SettingsResolver;
import org.godshell.toaster.installer.step.Commands;
import org.godshell.toaster.installer.step.Dovecot;
import org.godshell.toaster.installer.step.InstallSteps;
import org.godshell.toaster.installer.step.Journal;
import org.godshell.toaster.installer.step.Listening;
import org.godshell.toaster.installer.step.PayloadSource;
import org.godshell.toaster.installer.step.Plan;
import org.godshell.toaster.installer.step.StepContext;
import org.godshell.toaster.installer.step.StepException;
import org.godshell.toaster.installer.step.Systemd;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code install} (the default command), and {@code upgrade} and {@code plan}, which are the same run with
 * another ending: settings, preflight, then the {@link InstallSteps} applied, or only printed.
 */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = {"Install the toaster, or finish or repair an install: every step checks first, so a rerun "
                + "changes nothing and an interrupted run resumes.",
            "Exit codes: 0 done, 1 a step failed (rerun resumes), 2 bad arguments, 3 preflight failed (nothing changed)."})
class InstallCommand implements Callable<Integer> {

    static final String EMBEDDED_PAYLOAD = "/payload/toaster.tar.gz";

    @Spec
    CommandSpec spec;

    @Mixin
    InstallOptions options;

    /** Whether this is an upgrade: an install must exist, and domains and users are left alone. */
    boolean upgrade() {
        return false;
    }

    /** Whether only the plan is printed. */
    boolean planOnly() {
        return options.dryRun;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            Prefix prefix = Prefix.of(options.prefix);
            Map<String, String> installed = InstallRecord.read(prefix.root());
            if (upgrade() && !Files.isRegularFile(prefix.root().resolve("VERSION"))) {
                return fail(ExitCode.PREFLIGHT, "nothing is installed in " + prefix.root()
                        + " to upgrade; use install");
            }
            PayloadSource payload = payload();
            boolean ask = !planOnly();
            Optional<Terminal> terminal = Terminal.unless(options.yes || !ask);
            Settings settings = new SettingsResolver(Host::systemHostName, terminal.map(Terminal::asker),
                    installed).resolve(given(prefix.root()));
            out.println((planOnly() ? "Plan for " : upgrade() ? "Upgrading " : "Installing ") + "the toaster in "
                    + prefix.root() + " for " + settings.domain() + " (" + settings.hostName() + ", "
                    + settings.mode().name().toLowerCase(java.util.Locale.ROOT) + " mode)");
            out.println("Preflight:");
            boolean failed = false;
            Optional<String> prefixProblem = prefix.problem();
            if (prefixProblem.isPresent()) {
                out.println(Finding.fail(prefixProblem.get()).line());
                failed = true;
            }
            for (Finding finding : Preflight.ofThisHost(!settings.unprivileged()).check(settings)) {
                out.println(finding.line());
                failed |= finding.level() == Finding.Level.FAIL;
            }
            if (failed) {
                out.flush();
                return fail(ExitCode.PREFLIGHT, "the preflight failed (FAILED above, each with its fix); nothing was"
                        + " changed");
            }
            StepContext context = new StepContext(settings, prefix, new Commands(settings.java()), out,
                    Systemd.ofThisHost(), Host.PROC, terminal.map(Terminal::passwordPrompt), new StepContext.Changes(),
                    Dovecot.ofThisHost());
            Plan plan = new Plan(InstallSteps.of(context, payload, !upgrade()), out);
            out.println("Steps:");
            if (planOnly()) {
                plan.preview();
                return ExitCode.OK;
            }
            long started = System.nanoTime();
            prefix.claim();
            try (Journal journal = Journal.open(prefix.root())) {
                plan.apply(journal);
            }
            out.printf("done in %.1f s%n", (System.nanoTime() - started) / 1e9);
            Summary.print(out, settings, !settings.start() ? "not started: --no-start"
                    : new Listening(prefix.root(), context.proc()).missing().isEmpty() ? "running"
                    : "starting: not every port answers yet; " + prefix.root().resolve("bin/toaster")
                            + " doctor says when they do",
                    settings.unprivileged() ? List.of() : Summary.dnsRecords(context));
            return ExitCode.OK;
        } catch (PrefixException e) {
            return fail(ExitCode.USAGE, e.getMessage());
        } catch (SettingsException e) {
            return fail(ExitCode.USAGE, e.getMessage());
        } catch (PayloadException e) {
            return fail(ExitCode.USAGE, e.getMessage());
        } catch (StepException e) {
            return fail(ExitCode.STEP_FAILED, e.getMessage() + "\n  fix the cause and run the same command again: "
                    + "it resumes where it stopped");
        } catch (IOException e) {
            return fail(ExitCode.STEP_FAILED, e + "\n  fix the cause and run the same command again: it resumes");
        }
    }

    private SettingsResolver.Given given(Path root) {
        return new SettingsResolver.Given(root, options.hostName, options.domain, options.admin, options.cert,
                options.key, options.passwordFile == null ? null : options.passwordFile.toAbsolutePath(),
                options.unprivileged, !options.noStart, Host.java(),
                options.noWikiPorts == null ? null : !options.noWikiPorts,
                options.noLoopbackRelay == null ? null : !options.noLoopbackRelay,
                options.noImap == null ? null : !options.noImap,
                new AcmeSettings.Given(options.acme, options.acmeDirectory, options.acmeCa,
                        options.acmeChallenge, options.agreeTos), options.users,
                options.usersPasswordFile == null ? null : options.usersPasswordFile.toAbsolutePath());
    }

    /** The payload to install, checked to be there before anything else happens. */
    private PayloadSource payload() throws PayloadException {
        if (options.payload != null) {
            Path file = options.payload;
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new PayloadException("--payload " + file + " is not a readable file");
            }
            return () -> Files.newInputStream(file);
        }
        if (InstallCommand.class.getResource(EMBEDDED_PAYLOAD) == null) {
            throw new PayloadException("this installer jar carries no payload (" + EMBEDDED_PAYLOAD
                    + " is missing); build it with Maven or download it again");
        }
        return () -> {
            InputStream in = InstallCommand.class.getResourceAsStream(EMBEDDED_PAYLOAD);
            if (in == null) {
                throw new PayloadException("the payload disappeared from the installer jar");
            }
            return in;
        };
    }

    int fail(int code, String message) {
        spec.commandLine().getErr().println("toaster-installer: " + message);
        spec.commandLine().getErr().flush();
        return code;
    }

    /** {@code upgrade}: the install over an existing one, leaving domains and users alone. */
    @Command(name = "upgrade", mixinStandardHelpOptions = true,
            description = {"Install this version over an older one: program files replaced, control files you "
                    + "edited kept (the new default beside them as NAME.toaster-new), services restarted; mail, "
                    + "queue and users untouched. Names and mode come from the existing install.",
                "Exit codes as install; 3 also when nothing is installed there."})
    static final class Upgrade extends InstallCommand {
        @Override
        boolean upgrade() {
            return true;
        }
    }

    /** {@code plan}: {@code install --dry-run}. */
    @Command(name = "plan", mixinStandardHelpOptions = true,
            description = "Print the preflight and every step of an install with its state; change nothing "
                    + "(the same as install --dry-run).")
    static final class PlanOnly extends InstallCommand {
        @Override
        boolean planOnly() {
            return true;
        }
    }
}
