package org.godshell.toaster.users;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.godshell.toaster.io.AtomicFile;

/**
 * {@code toaster alias add|remove}: each edit is read-modify-write of the current aliases file under the store
 * lock ({@link Edits#locked}), then an atomic replace, so it never undoes another edit and a reader never sees
 * half a file. Only the alias's own line changes; comments, order and other lines (broken ones too) stay.
 */
final class AliasEdits {

    /** Aliases hold no secrets, but they tell who reads what: readable by the group, like passwd. */
    static final String ALIASES_MODE = Edits.PASSWD_MODE;

    private final FileBackend store;
    private final Edits edits;

    AliasEdits(FileBackend store) {
        this.store = store;
        this.edits = new Edits(store);
    }

    /** An alias as the admin names it: {@code name@domain}, or {@code *@domain} for the catch-all. */
    record Name(String name, String domain) {
        static Name parse(String text) throws UserStoreException {
            if (text != null && text.startsWith(AliasFile.CATCH_ALL + "@")) {
                return new Name(AliasFile.CATCH_ALL, Address.requireDomain(text.substring(2)));
            }
            Address address = Address.require(text);
            return new Name(address.local(), address.domain());
        }

        @Override
        public String toString() {
            return AliasFile.label(name, domain);
        }
    }

    /** Adds {@code targets} to the alias, creating it; returns all its targets afterwards. */
    List<String> add(Name alias, List<String> targetTexts) throws UserStoreException {
        List<AliasTarget.Parsed> targets = parseAll(alias, targetTexts);
        return edits.locked(() -> {
            edits.existingDomain(alias.domain());
            PasswdFile passwd = store.file(alias.domain());
            String asUser = alias.name() + "@" + alias.domain();
            if (passwd.mailboxes().contains(asUser)) {
                throw new UserStoreException(asUser + " is a user (in " + store.passwd(alias.domain()) + "); an alias"
                        + " cannot have a user's address: pick another name, or remove the user first");
            }
            AliasFile file = store.aliasFile(alias.domain());
            Integer broken = file.broken().get(alias.name());
            if (broken != null) {
                throw new UserStoreException(store.aliasesPath(alias.domain()) + ":" + broken + ": the line of "
                        + alias + " cannot be used; fix it by hand, or toaster alias remove " + alias);
            }
            AliasFile.Alias existing = file.aliases().get(alias.name());
            Set<String> all = new LinkedHashSet<>(existing == null ? List.of() : existing.targets());
            for (AliasTarget.Parsed target : targets) {
                if (alias.name().equals(AliasFile.CATCH_ALL) && target.domain().equals(alias.domain())
                        && !reachable(target, passwd, file)) {
                    throw new UserStoreException(target + " is neither a user nor an alias of " + alias.domain()
                            + ", so its mail would come back to the catch-all: add that user or alias first");
                }
                all.add(target.toString());
            }
            if (all.size() > AliasFile.MAX_TARGETS) {
                throw new UserStoreException(alias + " would have " + all.size() + " targets; at most "
                        + AliasFile.MAX_TARGETS + " are allowed: use list software for larger lists");
            }
            List<String> result = List.copyOf(all);
            AtomicFile.write(store.aliasesPath(alias.domain()), file.with(alias.name(), Optional.of(result)),
                    ALIASES_MODE, store.handover());
            return result;
        });
    }

    /**
     * Removes the given targets from the alias, or the whole alias when none are given (a broken line too);
     * returns the targets left (empty: the alias is gone).
     */
    List<String> remove(Name alias, List<String> targetTexts) throws UserStoreException {
        List<String> drop = new ArrayList<>();
        for (String text : targetTexts) {
            drop.add(AliasTarget.parse(text).toString());
        }
        return edits.locked(() -> {
            edits.existingDomain(alias.domain());
            AliasFile file = store.aliasFile(alias.domain());
            AliasFile.Alias existing = file.aliases().get(alias.name());
            boolean broken = file.broken().containsKey(alias.name());
            if (existing == null && !(broken && drop.isEmpty())) {
                throw new UserStoreException(broken ? "the line of " + alias + " cannot be used; remove it whole"
                        + " (toaster alias remove " + alias + ") or fix it by hand" : "no alias " + alias);
            }
            List<String> left = new ArrayList<>(existing == null ? List.of() : existing.targets());
            for (String target : drop) {
                if (!left.remove(target)) {
                    throw new UserStoreException(target + " is not a target of " + alias + "; its targets are "
                            + String.join(", ", left));
                }
            }
            if (drop.isEmpty()) {
                left.clear();
            }
            AtomicFile.write(store.aliasesPath(alias.domain()),
                    file.with(alias.name(), left.isEmpty() ? Optional.empty() : Optional.of(left)), ALIASES_MODE,
                    store.handover());
            return List.copyOf(left);
        });
    }

    static List<AliasTarget.Parsed> parseAll(Name alias, List<String> texts) throws UserStoreException {
        if (texts.isEmpty()) {
            throw new UserStoreException("no target for " + alias + ": give at least one address");
        }
        List<AliasTarget.Parsed> targets = new ArrayList<>();
        for (String text : texts) {
            AliasTarget.Parsed target = AliasTarget.parse(text);
            if (AliasTarget.loopsTo(target, alias.name(), alias.domain())) {
                throw new UserStoreException(target + " would send the mail of " + alias + " back to itself");
            }
            targets.add(target);
        }
        return targets;
    }

    /** Whether a same-domain target of the catch-all lands somewhere other than the catch-all itself. */
    private static boolean reachable(AliasTarget.Parsed target, PasswdFile passwd, AliasFile aliases) {
        String local = target.local().toLowerCase(Locale.ROOT);
        int plus = local.indexOf('+');
        List<String> names = plus > 0 ? List.of(local, local.substring(0, plus)) : List.of(local);
        for (String name : names) {
            if (Address.validLocal(name) && (passwd.mailboxes().contains(name + "@" + target.domain())
                    || aliases.aliases().containsKey(name))) {
                return true;
            }
        }
        return false;
    }
}
