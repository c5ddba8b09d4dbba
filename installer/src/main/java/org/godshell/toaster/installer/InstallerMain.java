package org.godshell.toaster.installer;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code java -jar toaster-installer.jar [install|upgrade|uninstall|plan|doctor] [options]}. {@code install} is
 * the default command, so {@code java -jar toaster-installer.jar --prefix DIR} installs. Exit codes: {@link
 * ExitCode}.
 */
@Command(
        name = "toaster-installer.jar",
        mixinStandardHelpOptions = true,
        versionProvider = InstallerMain.Version.class,
        description = {"Installs Godshell Toaster: a mail server (SMTP 25, submission 587, SMTPS 465, POP3 110/995) "
                + "with qmail-spp plugins, on a fresh Linux host. Without a command, runs install.",
            "",
            "  java -jar toaster-installer.jar --hostname mail.example.org          a server (as root)",
            "  java -jar toaster-installer.jar --unprivileged --prefix ./toaster    a demo (no root, high ports)",
            "  java -jar toaster-installer.jar plan                                   what install would do",
            "",
            "Every step checks before it changes anything: rerunning is safe, an interrupted install resumes, and "
                + "plan / --dry-run show the steps without doing them. Ask-free with --yes or without a terminal.",
            "Exit codes: 0 done, 1 a step failed (rerun resumes), 2 bad arguments, 3 preflight failed (nothing changed).",
            ""},
        subcommands = {InstallCommand.class, InstallCommand.Upgrade.class, UninstallCommand.class,
            InstallCommand.PlanOnly.class, DoctorCommand.class, HelpCommand.class})
public final class InstallerMain implements Runnable {

    private static final Set<String> TOP_LEVEL = Set.of("install", "upgrade", "uninstall", "plan", "doctor", "help",
            "--help", "-h", "--version", "-V");

    @Override
    public void run() {
        throw new IllegalStateException("unreachable: execute() always names a subcommand");
    }

    /** Runs a command line and returns its exit code, without exiting: tests and {@link #main} share this. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        String[] effective = args;
        if (args.length == 0 || !TOP_LEVEL.contains(args[0])) {
            effective = new String[args.length + 1];
            effective[0] = "install";
            System.arraycopy(args, 0, effective, 1, args.length);
        }
        return new CommandLine(new InstallerMain()).setOut(out).setErr(err).execute(effective);
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(execute(out, err, args));
    }

    /** The installer's version is the version of the distribution it carries (the jar manifest says it). */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = InstallerMain.class.getPackage().getImplementationVersion();
            return new String[] {"toaster-installer " + (version == null ? "(built outside Maven)" : version)};
        }
    }
}
