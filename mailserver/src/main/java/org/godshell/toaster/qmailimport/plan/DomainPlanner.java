package org.godshell.toaster.qmailimport.plan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.godshell.toaster.qmailimport.Delivery;
import org.godshell.toaster.qmailimport.OldHash;
import org.godshell.toaster.qmailimport.Skipped;
import org.godshell.toaster.qmailimport.VpasswdEntry;
import org.godshell.toaster.qmailimport.oldhost.OldDomain;

/** The users, aliases and catch-all of one old domain, and the aliases that mirror them in its alias domains. */
final class DomainPlanner {

    private final OldDomain domain;
    private final ToasterState state;
    private final Path domainsDir;
    private final List<Skipped> skipped;
    /** User names of this domain that will exist after the run (imported now or before). */
    private final Map<String, VpasswdEntry> imported = new LinkedHashMap<>();
    /** Alias label to the targets it will have, for the alias domains. */
    private final Map<String, List<String>> planned = new LinkedHashMap<>();

    DomainPlanner(OldDomain domain, ToasterState state, Path domainsDir, List<Skipped> skipped) {
        this.domain = domain;
        this.state = state;
        this.domainsDir = domainsDir;
        this.skipped = skipped;
    }

    List<Step> users() {
        List<Step> steps = new ArrayList<>();
        for (VpasswdEntry user : domain.users()) {
            String address = user.name() + "@" + domain.name();
            String where = domain.dir().resolve("vpasswd") + ":" + user.line();
            if (user.hash() instanceof OldHash.Unsupported(String reason)) {
                skipped.add(new Skipped(where, "user " + address + ": " + reason + "; create it with toaster user"
                        + " add, then run the import again to carry its mail"));
                continue;
            }
            OldHash.Supported hash = (OldHash.Supported) user.hash();
            Optional<Boolean> there = state.user(address);
            if (there.isPresent() && !there.get()) {
                skipped.add(new Skipped(where, "user " + address + " exists on the toaster with another password:"
                        + " left alone, its mail not carried"));
                continue;
            }
            List<String> notes = new ArrayList<>();
            String quota = "";
            if (user.quota().isPresent()) {
                quota = user.quota().get().bytes().isPresent() ? user.quota().get().bytes().getAsLong() + "b" : "";
                user.quota().get().messages().ifPresent(n -> notes.add("message-count quota " + n
                        + " not carried (the toaster has storage quotas only)"));
            }
            if (hash.scheme() == OldHash.Scheme.DES_CRYPT) {
                notes.add("DES crypt reads only the first 8 characters of a password: ask the user to change it");
            }
            if (user.flags() != 0) {
                notes.add("vpopmail flags " + user.flags() + " (gid field) not carried: the toaster has no per-user"
                        + " service switches");
            }
            imported.put(user.name(), user);
            steps.add(new Step(new Action.AddUser(address, hash.dovecotField(), user.gecos(), quota),
                    there.isPresent(), String.join("; ", notes)));
            steps.add(new Step(new Action.CarryMail(address, domain.maildir(user),
                    domainsDir.resolve(domain.name()).resolve(user.name()).resolve("Maildir")), false, ""));
        }
        return steps;
    }

    List<Step> aliases() {
        List<Step> steps = new ArrayList<>();
        for (Map.Entry<String, List<Delivery>> alias : domain.aliases().entrySet()) {
            String label = alias.getKey() + "@" + domain.name();
            if (domain.users().stream().anyMatch(u -> u.name().equals(alias.getKey()))
                    || state.mailboxes().contains(label)) {
                skipped.add(new Skipped("alias " + label, "a user of the same name gets the mail on the toaster"
                        + " (keep a copy and forward is not expressible): set up the forward by hand"));
                continue;
            }
            List<String> targets = new ArrayList<>();
            for (Delivery delivery : alias.getValue()) {
                target(label, delivery).ifPresent(targets::add);
            }
            add(label, targets).ifPresent(steps::add);
        }
        return steps;
    }

    List<Step> catchAll() {
        if (domain.catchAll().isEmpty()) {
            return List.of();
        }
        String label = "*@" + domain.name();
        Optional<String> target = switch (domain.catchAll().get()) {
            case Delivery.CatchAllAction.Bounce bounce -> Optional.empty();
            case Delivery.CatchAllAction.Delete delete -> {
                skipped.add(new Skipped("catch-all of " + domain.name(), "vdelivermail delete: the toaster does"
                        + " not accept mail in order to drop it; unknown users now bounce"));
                yield Optional.empty();
            }
            case Delivery.CatchAllAction.ForwardTo(String address) -> Optional.of(address);
            case Delivery.CatchAllAction.MailboxAt(Path relative) -> mailbox(label, relative);
        };
        return target.flatMap(t -> add(label, List.of(t))).map(List::of).orElse(List.of());
    }

    /** The aliases of {@code aliasDomain}: one per user and alias of this domain, and the same catch-all. */
    List<Step> mirror(String aliasDomain) {
        List<Step> steps = new ArrayList<>();
        for (String name : imported.keySet()) {
            add(name + "@" + aliasDomain, List.of(name + "@" + domain.name())).ifPresent(steps::add);
        }
        for (Map.Entry<String, List<String>> alias : List.copyOf(planned.entrySet())) {
            String label = alias.getKey();
            String local = label.substring(0, label.indexOf('@'));
            if (label.endsWith("@" + domain.name())) {
                add(local + "@" + aliasDomain, local.equals("*") ? alias.getValue() : List.of(label))
                        .ifPresent(steps::add);
            }
        }
        return steps;
    }

    private Optional<String> target(String label, Delivery delivery) {
        return switch (delivery) {
            case Delivery.Forward(String address) -> Optional.of(address);
            case Delivery.Maildir(Path relative) -> mailbox(label, relative);
            case Delivery.Vdelivermail vdelivermail -> {
                skipped.add(new Skipped("alias " + label, "a vdelivermail line outside .qmail-default: not"
                        + " imported"));
                yield Optional.empty();
            }
            case Delivery.NotImported(String what, String reason) -> {
                skipped.add(new Skipped("alias " + label + ": " + what, reason));
                yield Optional.empty();
            }
        };
    }

    /** The user whose directory (or its Maildir) a path names, as an address. */
    private Optional<String> mailbox(String label, Path relative) {
        for (VpasswdEntry user : imported.values()) {
            if (relative.equals(user.dir()) || relative.equals(user.dir().resolve("Maildir"))) {
                return Optional.of(user.name() + "@" + domain.name());
            }
        }
        skipped.add(new Skipped("alias " + label, "delivers to " + domain.dir().resolve(relative) + ", which is"
                + " not the Maildir of a user being imported"));
        return Optional.empty();
    }

    /** An alias step for the targets the toaster does not have yet; already there when it has them all. */
    private Optional<Step> add(String label, List<String> targets) {
        if (targets.isEmpty()) {
            return Optional.empty();
        }
        Set<String> all = new LinkedHashSet<>(planned.getOrDefault(label, List.of()));
        all.addAll(targets);
        planned.put(label, List.copyOf(all));
        List<String> existing = state.aliases().getOrDefault(label, List.of());
        List<String> missing = targets.stream().filter(t -> !existing.contains(t)).distinct().toList();
        return Optional.of(missing.isEmpty() ? new Step(new Action.AddAlias(label, targets), true, "")
                : new Step(new Action.AddAlias(label, missing), false, ""));
    }
}
