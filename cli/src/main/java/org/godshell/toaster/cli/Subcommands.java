package org.godshell.toaster.cli;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
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

    /** One subcommand: the name its {@code @Command} annotation gives, and how to make it. */
    record Subcommand(String name, Supplier<Object> make) {
    }

    /** In the order {@code toaster --help} lists them. */
    static final List<Subcommand> ALL = List.of(
            new Subcommand("smtpd", SmtpdCommand::new),
            new Subcommand("pop3d", Pop3dCommand::new),
            new Subcommand("showconfig", ShowConfigCommand::new),
            new Subcommand("spp", SppCommand::new),
            new Subcommand("spf", SpfCommand::new),
            new Subcommand("cert", CertCommand::new),
            new Subcommand("domain", DomainCommand::new),
            new Subcommand("user", UserCommand::new),
            new Subcommand("alias", AliasCommand::new),
            new Subcommand("dkim", DkimCommand::new),
            new Subcommand("backup", BackupCommand::new),
            new Subcommand("restore", RestoreCommand::new),
            new Subcommand("queue", QueueCommand::new),
            new Subcommand("import", ImportCommand::new),
            new Subcommand("wiki", WikiCommand::new),
            new Subcommand("start", SuperviseCommands.Start::new),
            new Subcommand("stop", SuperviseCommands.Stop::new),
            new Subcommand("status", SuperviseCommands.Status::new),
            new Subcommand("doctor", DoctorCommand::new),
            new Subcommand("dns", DnsCommand::new),
            new Subcommand("tlsrpt", TlsrptCommand::new),
            new Subcommand("help", HelpCommand::new));

    private Subcommands() {
    }

    /** The whole command, every subcommand registered: for help and for the reference page's test. */
    static CommandLine all() {
        CommandLine root = new CommandLine(new Toaster());
        ALL.forEach(subcommand -> root.addSubcommand(subcommand.make().get()));
        return root;
    }

    /** The command for this command line: only the subcommand its first word names, if it names one. */
    static CommandLine forArguments(String... args) {
        Optional<Subcommand> named = args.length == 0 ? Optional.empty()
                : ALL.stream().filter(s -> s.name().equals(args[0]) && !s.name().equals("help")).findFirst();
        if (named.isEmpty()) {
            return all();
        }
        CommandLine root = new CommandLine(new Toaster());
        root.addSubcommand(named.get().make().get());
        return root;
    }
}
