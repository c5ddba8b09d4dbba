package org.godshell.toaster.installer;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.godshell.toaster.installer.prefix.Prefix;
import org.godshell.toaster.installer.prefix.PrefixException;
import org.godshell.toaster.installer.step.Commands;
import org.godshell.toaster.installer.step.StepException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code doctor}: the installed toaster's own {@code toaster doctor}, run with the installer's Java (an admin's
 * shell may have none where {@code bin/toaster} looks), so that there is one doctor and it is there after the
 * installer jar is gone.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check an installed toaster: version, services (under systemd: each unit enabled and "
                + "active), that every port is served by it, the owners and modes of what the daemons read and "
                + "write, the certificate, each domain's DKIM keys, IMAPS's certificate (and with --imap-login a "
                + "login) where Dovecot serves IMAP, DNS (A, MX, PTR, DKIM); then print the DNS "
                + "records to publish. Changes "
                + "nothing, unless --fix. The same as PREFIX/bin/toaster doctor.",
            "Exit codes: 0 healthy (warnings allowed), 1 a check FAILED, 2 bad arguments, 3 nothing installed."})
final class DoctorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--prefix", paramLabel = "DIR", defaultValue = "/opt/toaster",
            description = "The toaster to check (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--no-dns", description = "Skip the DNS questions (for a host that cannot reach a resolver).")
    boolean noDns;

    @Option(names = "--imap-login", paramLabel = "ADDRESS",
            description = "Also log in to IMAPS (Dovecot, 127.0.0.1:993) as ADDRESS, with the password from the first "
                    + "line of stdin.")
    String imapLogin;

    @Option(names = "--fix", description = "First give control/, queue/, var/, wiki/ and domains/ the owners and "
            + "modes the installer sets, then check.")
    boolean fix;

    @Override
    public Integer call() {
        try {
            Prefix target = Prefix.of(prefix);
            Path toaster = target.root().resolve("bin/toaster");
            if (!Files.isRegularFile(target.root().resolve("VERSION")) || !Files.isExecutable(toaster)) {
                spec.commandLine().getErr().println("toaster-installer: no toaster is installed in " + target.root());
                return ExitCode.PREFLIGHT;
            }
            List<String> argv = new ArrayList<>(List.of(toaster.toString(), "doctor"));
            if (noDns) {
                argv.add("--no-dns");
            }
            if (fix) {
                argv.add("--fix");
            }
            Optional<String> stdin = Optional.empty();
            if (imapLogin != null) {
                argv.addAll(List.of("--imap-login", imapLogin));
                // The first line of the installer's stdin, handed on as the toaster's doctor reads it.
                stdin = Optional.of(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                        .lines().findFirst().orElse("") + "\n");
            }
            Commands.Result result = new Commands(Host.java()).run(argv, stdin);
            spec.commandLine().getOut().print(result.out());
            spec.commandLine().getOut().flush();
            spec.commandLine().getErr().print(result.err());
            spec.commandLine().getErr().flush();
            return switch (result.exit()) {
                case 0 -> ExitCode.OK;
                case 2 -> ExitCode.USAGE;
                default -> ExitCode.STEP_FAILED;
            };
        } catch (PrefixException e) {
            spec.commandLine().getErr().println("toaster-installer: " + e.getMessage());
            return ExitCode.USAGE;
        } catch (StepException e) {
            spec.commandLine().getErr().println("toaster-installer: " + e.getMessage());
            return ExitCode.STEP_FAILED;
        }
    }
}
