package org.godshell.toaster.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.godshell.toaster.users.Transfer;
import org.godshell.toaster.users.UserStoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code toaster users import|export}: this host's users from its passwd files into the PostgreSQL database that
 * {@code control/userdb} names, and back ({@link Transfer}). Exit 0 when everything moved or was there already,
 * 1 when a conflict is left for the admin, 2 on a usage error, and 1 when the database cannot be reached.
 */
@Command(name = "users", mixinStandardHelpOptions = true,
        description = "Move this host's users between its passwd files and the shared database: import, export.",
        subcommands = {UsersCommand.Import.class, UsersCommand.Export.class})
final class UsersCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What both directions share: the run, its lines, its exit status. */
    @FunctionalInterface
    private interface Direction {
        Transfer.Report run(PrintWriter out) throws UserStoreException;
    }

    private static int transfer(CommandSpec spec, Direction direction) {
        PrintWriter out = spec.commandLine().getOut();
        try {
            Transfer.Report report = direction.run(out);
            out.flush();
            return report.conflicts().isEmpty() ? 0 : 1;
        } catch (UserStoreException e) {
            out.flush();
            return DomainCommand.fail(spec, e.getMessage());
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true, description = "Copy the domains, users and aliases"
            + " of domains/ into the database of control/userdb, as domains this host stores; nothing there is"
            + " overwritten.")
    static final class Import implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private PrefixOption prefix;
        @Option(names = "--dry-run", description = "Say what would be copied; change nothing.")
        private boolean dryRun;

        @Override
        public Integer call() {
            return transfer(spec, out -> Transfer.importFiles(prefix.prefix(), dryRun, out::println));
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Copy the domains this host stores in"
            + " the database of control/userdb into domains/ (passwd and aliases files); nothing there is"
            + " overwritten.")
    static final class Export implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private PrefixOption prefix;
        @Option(names = "--dry-run", description = "Say what would be copied; change nothing.")
        private boolean dryRun;

        @Override
        public Integer call() {
            return transfer(spec, out -> Transfer.exportDatabase(prefix.prefix(), dryRun, out::println));
        }
    }
}
