package org.godshell.toaster.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.godshell.toaster.dkim.keys.DkimKeysException;
import org.godshell.toaster.dkim.keys.Selector;
import org.godshell.toaster.users.Address;
import org.godshell.toaster.users.UserStore;
import org.godshell.toaster.users.UserStoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code toaster domain add|list|remove}: the virtual domains in {@code domains/}, kept in step with rcpthosts. */
@Command(name = "domain", mixinStandardHelpOptions = true,
        description = "Virtual domains: add, list, remove (mail is moved aside, never deleted).",
        subcommands = {DomainCommand.Add.class, DomainCommand.ListDomains.class, DomainCommand.Remove.class})
final class DomainCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Create domains/DOMAIN/ with an empty passwd file and DKIM keys (as toaster dkim keygen), "
                    + "and add DOMAIN to control/rcpthosts.")
    static final class Add implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private PrefixOption prefix;
        @Parameters(paramLabel = "DOMAIN", description = "The domain, e.g. example.com.")
        private String domain;
        @Option(names = "--no-dkim", description = "Make no DKIM keys (toaster dkim keygen DOMAIN makes them later).")
        private boolean noDkim;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            String name = domain.toLowerCase(java.util.Locale.ROOT);
            try (UserStore store = UserStore.open(prefix.prefix())) {
                store.addDomain(domain);
                out.println("added domain " + name + (store.inFiles() ? " (and to control/rcpthosts)"
                        : " to " + store.describe() + ", its mail stored on this host"));
            } catch (UserStoreException e) {
                return fail(spec, e.getMessage());
            }
            if (noDkim) {
                out.flush();
                return 0;
            }
            try {
                List<String> made = DkimCommand.store(prefix.prefix()).keygen(name).stream()
                        .map(Selector::name).toList();
                out.println("made its DKIM keys " + String.join(" and ", made) + "; the TXT records to publish: "
                        + "toaster dkim show " + name);
                out.flush();
                return 0;
            } catch (DkimKeysException | IOException e) {
                out.flush();
                return fail(spec, "the domain is added, but its DKIM keys are not: " + e.getMessage()
                        + "; make them with: toaster dkim keygen " + name);
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The domains and their number of users.")
    static final class ListDomains implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private PrefixOption prefix;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (UserStore store = UserStore.open(prefix.prefix())) {
                for (String domain : store.domains()) {
                    UserStore.Listing listing = store.users(domain);
                    out.println(domain + "\t" + listing.users().size() + " user(s)"
                            + (listing.problems().isEmpty() ? "" : "\t" + listing.problems().size()
                            + " bad passwd line(s): see toaster user list " + domain));
                }
                out.flush();
                return 0;
            } catch (UserStoreException e) {
                return fail(spec, e.getMessage());
            }
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Take DOMAIN out of control/rcpthosts and move domains/DOMAIN aside to "
                    + "domains/.removed-DOMAIN-TIME (its mail is kept).")
    static final class Remove implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private PrefixOption prefix;
        @Parameters(paramLabel = "DOMAIN", description = "The domain to remove.")
        private String domain;
        @Option(names = "--force", description = "Remove it even though it still has users (their mail moves too).")
        private boolean force;

        @Override
        public Integer call() {
            try {
                Optional<Path> aside;
                try (UserStore store = UserStore.open(prefix.prefix())) {
                    aside = store.removeDomain(domain, force);
                }
                String name = domain.toLowerCase(java.util.Locale.ROOT);
                spec.commandLine().getOut().println(aside.isPresent() ? "removed domain " + name
                        + "; its directory, mail included, is now " + aside.get() : "removed domain " + name
                        + "; its mail, if any, stays on the host that stored it");
                return 0;
            } catch (UserStoreException e) {
                return fail(spec, e.getMessage());
            }
        }
    }

    /** What a listing prints for one domain; returns the lines of its files that cannot be used. */
    @FunctionalInterface
    interface PerDomain {
        List<String> list(UserStore store, String domain, PrintWriter out) throws IOException, UserStoreException;
    }

    /**
     * {@code toaster user list} and {@code alias list}: one domain or all, then every unusable line on stderr;
     * exit 1 when there is one.
     */
    static int listEach(CommandSpec spec, PrefixOption prefix, String domain, PerDomain each) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (UserStore store = UserStore.open(prefix.prefix())) {
            List<String> domains = domain == null ? store.domains() : List.of(Address.requireDomain(domain));
            if (domain != null && !store.domains().contains(domains.get(0))) {
                return fail(spec, "no domain " + domains.get(0));
            }
            List<String> problems = new ArrayList<>();
            for (String d : domains) {
                problems.addAll(each.list(store, d, out));
            }
            out.flush();
            problems.forEach(p -> err.println("toaster: " + p));
            err.flush();
            return problems.isEmpty() ? 0 : 1;
        } catch (IOException | UserStoreException e) {
            return fail(spec, e.getMessage());
        }
    }

    static int fail(CommandSpec spec, String message) {
        spec.commandLine().getErr().println("toaster: " + message);
        spec.commandLine().getErr().flush();
        return 1;
    }
}
