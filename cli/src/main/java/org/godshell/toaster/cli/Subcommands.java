package org.godshell.toaster.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.HelpCommand;

/**
 * The subcommands of {@code toaster}, made only when the command line asks for them. picocli builds the model of
 * every registered command up front, loading and instantiating every command class and the classes of their
 * fields: registering all of them cost {@code toaster smtpd} about a second of CPU before its first line of work
 * (the wiki's site builder, git, Jetty and the doctor loaded for nothing). A command line that names one
 * subcommand gets just that one; help, no subcommand or a misspelt one gets them all (for the usage and the
 * "did you mean").
 */
final class Subcommands {

    /** In the order {@code toaster --help} lists them. */
    static final List<String> NAMES = List.of(
            "smtpd", "pop3d", "showconfig", "spp", "spf", "cert", "domain", "user", "alias", "users", "dkim", "backup",
            "restore", "queue", "stats", "import", "wiki", "start", "stop", "status", "doctor", "dns", "tlsrpt",
            "help");

    private Subcommands() {
    }

    /**
     * The command object of one subcommand. A switch rather than a table of constructor references: each of those
     * would be a lambda the JVM spins up at start, for 24 commands of which one runs.
     */
    static Object make(String name) {
        return switch (name) {
            case "smtpd" -> new SmtpdCommand();
            case "pop3d" -> new Pop3dCommand();
            case "showconfig" -> new ShowConfigCommand();
            case "spp" -> new SppCommand();
            case "spf" -> new SpfCommand();
            case "cert" -> new CertCommand();
            case "domain" -> new DomainCommand();
            case "user" -> new UserCommand();
            case "alias" -> new AliasCommand();
            case "users" -> new UsersCommand();
            case "dkim" -> new DkimCommand();
            case "backup" -> new BackupCommand();
            case "restore" -> new RestoreCommand();
            case "queue" -> new QueueCommand();
            case "stats" -> new StatsCommand();
            case "import" -> new ImportCommand();
            case "wiki" -> new WikiCommand();
            case "start" -> new SuperviseCommands.Start();
            case "stop" -> new SuperviseCommands.Stop();
            case "status" -> new SuperviseCommands.Status();
            case "doctor" -> new DoctorCommand();
            case "dns" -> new DnsCommand();
            case "tlsrpt" -> new TlsrptCommand();
            case "help" -> new HelpCommand();
            default -> throw new IllegalArgumentException("no subcommand " + name);
        };
    }

    /** The whole command, every subcommand registered: for help and for the reference page's test. */
    static CommandLine all() {
        CommandLine root = new CommandLine(new Toaster());
        NAMES.forEach(name -> root.addSubcommand(make(name)));
        return root;
    }

    /** The command for this command line: only the subcommand its first word names, if it names one. */
    static CommandLine forArguments(String... args) {
        if (args.length == 0 || args[0].equals("help") || !NAMES.contains(args[0])) {
            return all();
        }
        CommandLine root = new CommandLine(new Toaster());
        root.addSubcommand(make(args[0]));
        return root;
    }
}
