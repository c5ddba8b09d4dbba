package org.godshell.toaster.users;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code toaster users import} and {@code export}: a host's users from its passwd files into the shared database
 * that {@code control/userdb} names, and back. Password fields travel as they are (hashes, never passwords), with
 * full names, quotas and aliases. Nothing is overwritten: what the other side holds already is left alone, the
 * same thing said twice is skipped, a different thing is a conflict to settle by hand; so a run can be repeated
 * after an interruption, and a dry run says what a run would do.
 */
public final class Transfer {

    /** What a run did (or, dry, would do): counts, and the lines the admin must read. */
    public record Report(int domains, int users, int aliases, List<String> conflicts) {
        public Report {
            conflicts = List.copyOf(conflicts);
        }
    }

    private final UserBackend from;
    private final UserBackend to;
    private final boolean dryRun;
    private final Consumer<String> out;
    private final List<String> conflicts = new ArrayList<>();
    private int domains;
    private int users;
    private int aliases;

    private Transfer(UserBackend from, UserBackend to, boolean dryRun, Consumer<String> out) {
        this.from = from;
        this.to = to;
        this.dryRun = dryRun;
        this.out = out;
    }

    /** This host's passwd files into the database of {@code control/userdb}, as domains this host stores. */
    public static Report importFiles(Path prefix, boolean dryRun, Consumer<String> out) throws UserStoreException {
        Path root = prefix.toAbsolutePath().normalize();
        try (UserBackend database = Backends.of(root, out).open()) {
            if (database instanceof FileBackend) {
                throw new UserStoreException("control/userdb says files; write the database's URL there first"
                        + " (postgresql://USER@HOST:PORT/DATABASE) and its password in control/userdbpassword");
            }
            return new Transfer(new FileBackend(root), database, dryRun, out).run();
        }
    }

    /**
     * The domains that this host stores in the database of {@code control/userdb} into passwd files; the
     * database keeps them. Afterwards {@code control/userdb} may say {@code files} again.
     */
    public static Report exportDatabase(Path prefix, boolean dryRun, Consumer<String> out)
            throws UserStoreException {
        Path root = prefix.toAbsolutePath().normalize();
        try (UserBackend database = Backends.of(root, out).open()) {
            if (database instanceof FileBackend) {
                throw new UserStoreException("control/userdb says files: there is no database to export from");
            }
            return new Transfer(database, new FileBackend(root), dryRun, out).run();
        }
    }

    private Report run() throws UserStoreException {
        for (String domain : from.domains()) {
            Optional<UserBackend.DomainView> source = from.domain(domain);
            if (source.isEmpty() || source.get().mailboxHost().isPresent()) {
                out.accept(domain + ": stored on " + source.flatMap(UserBackend.DomainView::mailboxHost)
                        .orElse("no host") + ", not this one: left out");
                continue;
            }
            Optional<UserBackend.DomainView> target = to.domain(domain);
            if (target.isPresent() && target.get().mailboxHost().isPresent()) {
                conflicts.add(domain + ": the database has it stored on " + target.get().mailboxHost().get()
                        + "; not moved (remove it there first, or leave it)");
                continue;
            }
            if (target.isEmpty() && !say("domain " + domain, () -> to.addDomain(domain))) {
                continue;
            }
            domains += target.isEmpty() ? 1 : 0;
            from.users(domain).problems().forEach(problem -> conflicts.add(problem + " (not moved)"));
            for (UserBackend.Account account : from.accounts(domain)) {
                user(account, target);
            }
            aliasesOf(domain, target);
        }
        out.accept((dryRun ? "would move " : "moved ") + domains + " domain(s), " + users + " user(s), "
                + aliases + " alias(es); " + conflicts.size() + " conflict(s)");
        conflicts.forEach(conflict -> out.accept("conflict: " + conflict));
        return new Report(domains, users, aliases, conflicts);
    }

    private void user(UserBackend.Account account, Optional<UserBackend.DomainView> target)
            throws UserStoreException {
        Optional<UserBackend.Login> there = target.isEmpty() ? Optional.empty()
                : target.get().login(account.address().local());
        if (there.isPresent()) {
            if (!there.get().password().equals(account.password())) {
                conflicts.add(account.address() + ": the other side has another password; left as it is there");
            }
            return;
        }
        if (!account.otherFields().isBlank()) {
            out.accept(account.address() + ": its other Dovecot fields (" + account.otherFields() + ") stay"
                    + " behind: only the quota is carried");
        }
        if (say("user " + account.address(), () -> to.addUser(new UserBackend.NewUser(account.address(),
                account.password(), account.gecos(), account.quota())))) {
            users++;
        }
    }

    /** The aliases, the catch-all last: its same-domain targets must exist on the other side first. */
    private void aliasesOf(String domain, Optional<UserBackend.DomainView> target) throws UserStoreException {
        UserStore.Aliases all = from.aliases(domain);
        all.problems().forEach(problem -> conflicts.add(problem + " (not moved)"));
        List<Map.Entry<String, List<String>>> ordered = new ArrayList<>(all.aliases().entrySet());
        ordered.sort((a, b) -> Boolean.compare(a.getKey().startsWith("*@"), b.getKey().startsWith("*@")));
        for (Map.Entry<String, List<String>> alias : ordered) {
            String name = alias.getKey().substring(0, alias.getKey().lastIndexOf('@'));
            UserBackend.AliasLookup there = target.isEmpty() ? new UserBackend.AliasLookup.None()
                    : target.get().alias(name);
            if (there instanceof UserBackend.AliasLookup.Targets same && same.targets().containsAll(alias.getValue())) {
                continue;
            }
            if (there instanceof UserBackend.AliasLookup.Broken broken) {
                conflicts.add(alias.getKey() + ": " + broken.problem() + "; not moved");
                continue;
            }
            if (say("alias " + alias.getKey(), () -> to.addAlias(name, domain, alias.getValue()))) {
                aliases++;
            }
        }
    }

    @FunctionalInterface
    private interface Change {
        void run() throws UserStoreException;
    }

    /** Makes a change, or says it would; whether it was (or would be) made: a refusal is a conflict. */
    private boolean say(String what, Change change) {
        if (dryRun) {
            out.accept("would add " + what);
            return true;
        }
        try {
            change.run();
            out.accept("added " + what);
            return true;
        } catch (UserStoreException e) {
            conflicts.add(what + ": " + e.getMessage());
            return false;
        }
    }
}
