package org.godshell.toaster.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.godshell.toaster.users.UserStore;
import org.godshell.toaster.users.UserStoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code toaster alias add|list|remove}: the aliases and catch-alls of the virtual domains, in
 * {@code domains/DOMAIN/aliases}. The catch-all is written {@code '*@domain'} (quoted, or the shell expands it).
 */
@Command(name = "alias", mixinStandardHelpOptions = true,
        description = "Aliases and catch-alls of the virtual domains: add, list, remove.",
        subcommands = {AliasCommand.Add.class, AliasCommand.ListAliases.class, AliasCommand.Remove.class})
final class AliasCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static int print(CommandSpec spec, String alias, List<String> targets) {
        String label = alias.toLowerCase(java.util.Locale.ROOT);
        spec.commandLine().getOut().println(targets.isEmpty() ? "removed alias " + label
                : "alias " + label + ": " + String.join(", ", targets));
        spec.commandLine().getOut().flush();
        return 0;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Create an alias or add targets to it; "
            + "'*@DOMAIN' is the domain's catch-all.")
    static final class Add implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private PrefixOption prefix;
        @Parameters(index = "0", paramLabel = "ALIAS", description = "name@domain, or '*@domain' for the catch-all;"
                + " the domain must exist and the name must not be a user.")
        private String alias;
        @Parameters(index = "1..*", arity = "1..*", paramLabel = "TARGET",
                description = "Full addresses: users of any domain, other aliases, remote addresses.")
        private List<String> targets = new ArrayList<>();

        @Override
        public Integer call() {
            try (UserStore store = UserStore.open(prefix.prefix())) {
                return print(spec, alias, store.addAlias(alias, targets));
            } catch (UserStoreException e) {
                return DomainCommand.fail(spec, e.getMessage());
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The aliases of one domain or of all, "
            + "as 'alias: targets', and every aliases line that cannot be used (exit 1 when there is one).")
    static final class ListAliases implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private PrefixOption prefix;
        @Parameters(paramLabel = "DOMAIN", arity = "0..1", description = "Only this domain.")
        private String domain;

        @Override
        public Integer call() {
            return DomainCommand.listEach(spec, prefix, domain, (store, d, out) -> {
                UserStore.Aliases aliases = store.aliases(d);
                aliases.aliases().forEach((alias, targets) -> out.println(alias + ": " + String.join(", ", targets)));
                return aliases.problems();
            });
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove targets from an alias, or the "
            + "whole alias when no target is given (also the way to drop a line that cannot be used).")
    static final class Remove implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private PrefixOption prefix;
        @Parameters(index = "0", paramLabel = "ALIAS", description = "name@domain, or '*@domain' for the catch-all.")
        private String alias;
        @Parameters(index = "1..*", arity = "0..*", paramLabel = "TARGET", description = "Only these targets.")
        private List<String> targets = new ArrayList<>();

        @Override
        public Integer call() {
            try (UserStore store = UserStore.open(prefix.prefix())) {
                return print(spec, alias, store.removeAlias(alias, targets));
            } catch (UserStoreException e) {
                return DomainCommand.fail(spec, e.getMessage());
            }
        }
    }
}
