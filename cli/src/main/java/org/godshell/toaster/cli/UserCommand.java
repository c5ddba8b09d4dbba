package org.godshell.toaster.cli;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.godshell.toaster.users.Address;
import org.godshell.toaster.users.PasswordScheme;
import org.godshell.toaster.users.UserStore;
import org.godshell.toaster.users.UserStoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code toaster user add|passwd|list|remove}: the users of the virtual domains. Passwords come from a prompt or
 * stdin ({@link PasswordInput}), never from argv.
 */
@Command(name = "user", mixinStandardHelpOptions = true,
        description = "Mail users: add, passwd, quota, list, remove (mail is moved aside, never deleted).",
        subcommands = {UserCommand.Add.class, UserCommand.Passwd.class, UserCommand.SetQuota.class,
            UserCommand.ListUsers.class, UserCommand.Remove.class})
final class UserCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What add and passwd share: read a password, hand it to the store, zero it whatever happens. */
    private interface PasswordEdit {
        void apply(UserStore store, String address, char[] password, PasswordScheme scheme) throws UserStoreException;
    }

    /**
     * The {@code --scheme} both take: SCRAM and CRAM-MD5 users can also use PLAIN and LOGIN, SHA-crypt users
     * neither of the challenge mechanisms.
     */
    static final class SchemeOption {
        @Option(names = "--scheme", paramLabel = "SCHEME", defaultValue = "sha512-crypt",
                description = "sha512-crypt (default), scram-sha-256 (needed for SMTP AUTH SCRAM-SHA-256) or"
                        + " cram-md5 (needed for CRAM-MD5, which must also be listed in control/smtpauthmechs;"
                        + " the stored secret is password-equivalent). PLAIN and LOGIN work with all three.")
        String scheme;
    }

    private static int withPassword(CommandSpec spec, PrefixOption prefix, SchemeOption schemeOption,
            String address, PasswordEdit edit, String done) {
        char[] password = null;
        try {
            Optional<PasswordScheme> scheme = PasswordScheme.named(schemeOption.scheme);
            if (scheme.isEmpty()) {
                return DomainCommand.fail(spec, "unknown --scheme " + schemeOption.scheme
                        + ": use sha512-crypt, scram-sha-256 or cram-md5");
            }
            Address parsed = Address.require(address);
            password = PasswordInput.read(System.in);
            try (UserStore store = UserStore.open(prefix.prefix())) {
                edit.apply(store, parsed.toString(), password, scheme.get());
            }
            spec.commandLine().getOut().println(done + " " + parsed);
            spec.commandLine().getOut().flush();
            return 0;
        } catch (UserStoreException | PasswordInput.Refused e) {
            return DomainCommand.fail(spec, e.getMessage());
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a user and its Maildir; the "
            + "password is asked twice on a terminal, else read as the first line of stdin.")
    static final class Add implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private PrefixOption prefix;
        @Mixin
        private SchemeOption scheme;
        @Parameters(paramLabel = "ADDRESS", description = "user@domain; the domain must exist (toaster domain add).")
        private String address;

        @Override
        public Integer call() {
            return withPassword(spec, prefix, scheme, address, UserStore::addUser, "added user");
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true, description = "Set a user's password (prompt or stdin).")
    static final class Passwd implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private PrefixOption prefix;
        @Mixin
        private SchemeOption scheme;
        @Parameters(paramLabel = "ADDRESS", description = "user@domain")
        private String address;

        @Override
        public Integer call() {
            return withPassword(spec, prefix, scheme, address, UserStore::setPassword, "changed the password of");
        }
    }

    @Command(name = "quota", mixinStandardHelpOptions = true, description = "Set a user's storage quota (e.g. 500M, "
            + "2G; a bare number is kilobytes, as in Dovecot) or remove it with none. Delivery defers mail that would "
            + "go over it, and bounces it when the queue lifetime ends.")
    static final class SetQuota implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private PrefixOption prefix;
        @Parameters(index = "0", paramLabel = "ADDRESS", description = "user@domain")
        private String address;
        @Parameters(index = "1", paramLabel = "SIZE", description = "500M, 2G, 1048576b, or none")
        private String size;

        @Override
        public Integer call() {
            boolean none = size.equalsIgnoreCase("none");
            try (UserStore store = UserStore.open(prefix.prefix())) {
                store.setQuota(address, none ? "" : size);
                spec.commandLine().getOut().println(none ? "removed the quota of " + address
                        : "set the quota of " + address + " to " + size);
                return 0;
            } catch (UserStoreException e) {
                return DomainCommand.fail(spec, e.getMessage());
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The users of one domain or of all, "
            + "and every passwd line that cannot be used (exit 1 when there is one).")
    static final class ListUsers implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private PrefixOption prefix;
        @Parameters(paramLabel = "DOMAIN", arity = "0..1", description = "Only this domain.")
        private String domain;

        @Override
        public Integer call() {
            return DomainCommand.listEach(spec, prefix, domain, (store, d, out) -> {
                UserStore.Listing listing = store.users(d);
                listing.users().forEach(out::println);
                return listing.problems();
            });
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a user; its directory, mail "
            + "included, is moved aside to domains/DOMAIN/.removed-USER-TIME.")
    static final class Remove implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private PrefixOption prefix;
        @Parameters(paramLabel = "ADDRESS", description = "user@domain")
        private String address;

        @Override
        public Integer call() {
            try (UserStore store = UserStore.open(prefix.prefix())) {
                Address parsed = Address.require(address);
                Optional<java.nio.file.Path> aside = store.removeUser(parsed.toString());
                spec.commandLine().getOut().println("removed user " + parsed + aside.map(p -> "; its mail is kept in "
                        + p).orElse(" (it had no directory)"));
                spec.commandLine().getOut().flush();
                return 0;
            } catch (UserStoreException e) {
                return DomainCommand.fail(spec, e.getMessage());
            }
        }
    }
}
