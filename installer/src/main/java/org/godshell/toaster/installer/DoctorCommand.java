package org.godshell.toaster.installer;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.godshell.toaster.installer.preflight.Finding;
import org.godshell.toaster.installer.preflight.Preflight;
import org.godshell.toaster.installer.prefix.Prefix;
import org.godshell.toaster.installer.prefix.PrefixException;
import org.godshell.toaster.installer.settings.Settings;
import org.godshell.toaster.installer.settings.SettingsException;
import org.godshell.toaster.installer.step.Commands;
import org.godshell.toaster.installer.step.StepException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code doctor}: the health of an install (version, services, ports, certificate, DNS) and the DNS records. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check an installed toaster: version, services, that every port is served by it, the "
                + "certificate, DNS (A, MX, PTR); then print the DNS records to publish. Changes nothing.",
            "Exit codes: 0 healthy (warnings allowed), 1 a check FAILED, 2 bad arguments, 3 nothing installed."})
final class DoctorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--prefix", paramLabel = "DIR", defaultValue = "/opt/toaster",
            description = "The toaster to check (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            Prefix target = Prefix.of(prefix);
            Path version = target.root().resolve("VERSION");
            if (!Files.isRegularFile(version)) {
                spec.commandLine().getErr().println("toaster-installer: no toaster is installed in " + target.root());
                return ExitCode.PREFLIGHT;
            }
            Settings settings = Installed.settings(target);
            List<Finding> findings = new ArrayList<>();
            findings.add(Finding.ok("toaster " + Files.readString(version, StandardCharsets.UTF_8).strip() + " in "
                    + target.root() + " for " + settings.domain() + " (" + settings.hostName() + ")"));
            findings.addAll(services(settings));
            Preflight preflight = Preflight.ofThisHost(!settings.unprivileged());
            findings.addAll(preflight.serving(settings));
            findings.add(Files.isRegularFile(target.root().resolve("control/servercert.pem"))
                    ? Finding.ok("control/servercert.pem is there (STARTTLS, SMTPS, POP3S)")
                    : Finding.fail("control/servercert.pem is missing: no TLS, so no logins; run install again"));
            findings.addAll(preflight.dns(settings));
            findings.forEach(finding -> out.println(finding.line()));
            Summary.print(out, settings, "doctor");
            return findings.stream().anyMatch(f -> f.level() == Finding.Level.FAIL) ? ExitCode.STEP_FAILED : ExitCode.OK;
        } catch (PrefixException | SettingsException e) {
            spec.commandLine().getErr().println("toaster-installer: " + e.getMessage());
            return ExitCode.USAGE;
        } catch (IOException | StepException e) {
            spec.commandLine().getErr().println("toaster-installer: " + e.getMessage());
            return ExitCode.STEP_FAILED;
        }
    }

    private static List<Finding> services(Settings settings) throws StepException {
        Commands commands = new Commands(settings.java());
        List<Finding> findings = new ArrayList<>();
        if (Host.systemd() && !settings.unprivileged()) {
            for (String daemon : List.of("smtpd", "pop3d")) {
                String unit = "toaster-" + daemon + ".service";
                boolean active = commands.run(List.of("systemctl", "is-active", "--quiet", unit)).ok();
                findings.add(active ? Finding.ok(unit + " is active")
                        : Finding.fail(unit + " is not active: systemctl status " + unit));
            }
            return findings;
        }
        Path toaster = settings.prefix().resolve("bin/toaster");
        Commands.Result status = commands.run(List.of(toaster.toString(), "status"));
        for (String line : status.out().strip().split("\n")) {
            findings.add(line.contains("running (pid") ? Finding.ok(line)
                    : Finding.warn(line + " (start it: " + toaster + " start" + (settings.unprivileged() ? "" : " --user toaster")
                            + ")"));
        }
        return findings;
    }
}
