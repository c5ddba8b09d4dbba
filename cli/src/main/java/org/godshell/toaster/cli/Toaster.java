package org.godshell.toaster.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.godshell.toaster.supervise.RotatingLog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code toaster}: the admin command. {@code bin/toaster} (the launcher) runs this class with a JDK 21 or newer.
 *
 * <p>Subcommands join as the features behind them land; until then {@code --help} lists only what works. They
 * are listed in {@link Subcommands}, which registers only the one a command line names.
 */
@Command(
        name = "toaster",
        mixinStandardHelpOptions = true,
        versionProvider = ToasterVersion.class,
        description = "Godshell Toaster: a mail server with qmail-spp plugins and a git-versioned wiki.")
public final class Toaster implements Runnable {

    @Spec
    private CommandSpec spec;

    /** Without a subcommand there is nothing to do but say what can be done. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs a command line and returns its exit code, without exiting: tests and {@link #main} share this. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return Subcommands.forArguments(args).setOut(out).setErr(err)
                .setParameterExceptionHandler(Toaster::usageError).execute(args);
    }

    /**
     * Bad input: the reason, picocli's "did you mean" when it has one, then always the usage (picocli's own
     * handler drops the usage when it has a suggestion, and "frobnicate" is close enough to "status").
     */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        command.usage(err);
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** Whether the command line runs a daemon; only a daemon takes over the log the supervisor names. */
    static boolean daemon(String... args) {
        return args.length > 0 && (args[0].equals("smtpd") || args[0].equals("pop3d")
                || args[0].equals("wiki") && args.length > 1 && args[1].equals("serve"));
    }

    public static void main(String[] args) {
        if (daemon(args)) {
            RotatingLog.takeOverStandardStreams();              // under toaster start: the daemon's log rotates
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(execute(out, err, args));
    }
}
