package org.godshell.toaster.deliver.local;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.godshell.toaster.deliver.Diagnosis;
import org.godshell.toaster.deliver.Injector;
import org.godshell.toaster.deliver.MailFlags;
import org.godshell.toaster.deliver.Outcome;
import org.godshell.toaster.queue.Folder;
import org.godshell.toaster.queue.QueuedMessage;
import org.godshell.toaster.users.Route;
import org.godshell.toaster.users.UserStore;
import org.godshell.toaster.users.UserStoreException;

/**
 * Delivers one recipient of a queued message to the virtual users under {@code domains/}: follows aliases and
 * the catch-all (at most {@link #MAX_HOPS} levels, each address once), writes a copy into every mailbox they
 * lead to, and queues one new message for the remote addresses among them. Loops are refused the way qmail
 * refuses them: a message that already carries {@code Delivered-To: <this address>} bounces (5.4.6).
 */
public final class LocalDelivery {

    /** How deep aliases may point to aliases; deeper is a loop or a mistake. */
    public static final int MAX_HOPS = 10;

    private final UserStore users;
    private final Maildir maildir;
    private final Injector injector;
    private final MaildirUsage usage = new MaildirUsage();

    public LocalDelivery(UserStore users, Maildir maildir, Injector injector) {
        this.users = users;
        this.maildir = maildir;
        this.injector = injector;
    }

    /** Delivers {@code message} to {@code recipient}, a local address (its domain is a virtual domain). */
    public Outcome deliver(QueuedMessage message, String recipient) {
        try {
            HeaderFacts facts;
            try (InputStream in = message.openMessage()) {
                facts = HeaderFacts.read(new BufferedInputStream(in));
            }
            if (facts.deliveredTo().contains(recipient.toLowerCase(Locale.ROOT))) {
                return new Outcome.Failed(Diagnosis.local("5.4.6",
                        "mail loop: the message was already delivered to " + recipient));
            }
            if (facts.received() > HeaderFacts.MAX_RECEIVED) {
                return new Outcome.Failed(Diagnosis.local("5.4.6",
                        "mail loop: more than " + HeaderFacts.MAX_RECEIVED + " Received: headers"));
            }
            Targets targets = expand(recipient);
            if (targets.mailboxes().isEmpty() && targets.remote().isEmpty()) {
                return new Outcome.Failed(Diagnosis.local("5.1.1",
                        "no mailbox here by that name: " + recipient));
            }
            for (Route.Mailbox box : targets.mailboxes()) {
                Optional<Outcome> full = overQuota(box, message.size());
                if (full.isPresent()) {
                    return full.get();
                }
            }
            String sender = message.envelope().sender();
            for (Route.Mailbox box : targets.mailboxes()) {
                String head = "Return-Path: <" + headerSafe(sender) + ">\nDelivered-To: " + headerSafe(box.address())
                        + "\n";
                String folder = folder(message, box);
                if (folder.equals(JUNK)) {
                    maildir.ensureFolder(box.maildir(), JUNK);
                }
                try (InputStream in = message.openMessage()) {
                    maildir.deliver(box.maildir(), folder, head, in);
                }
            }
            if (!targets.remote().isEmpty()) {
                try (InputStream in = message.openMessage()) {
                    // The copy is the original's message: it declares what the original's client did.
                    injector.inject(sender, targets.remote(), "Delivered-To: " + headerSafe(recipient) + "\r\n", in,
                            MailFlags.of(message.envelope()));
                }
            }
            return new Outcome.Delivered(describe(targets));
        } catch (UserStoreException e) {
            return new Outcome.Deferred(Diagnosis.local("4.3.0",
                    "user store unreadable: " + Diagnosis.clean(String.valueOf(e.getMessage()))));
        } catch (IOException e) {
            return new Outcome.Deferred(Diagnosis.local("4.3.0",
                    "local delivery failed: " + Diagnosis.clean(String.valueOf(e.getMessage()))));
        }
    }

    /**
     * The Maildir++ folder of a mailbox's copy: {@code Junk} for a message a check at intake found suspect (it
     * wins over a plus-address tag: a forged sender can tag an address too), else the tag's, else the inbox.
     */
    static String folder(QueuedMessage message, Route.Mailbox box) {
        return message.folder() == Folder.JUNK ? JUNK : box.folder().orElse("");
    }

    /** The Junk folder's name: the one Dovecot's and Thunderbird's defaults use (RFC 6154 {@code \Junk}). */
    static final String JUNK = "Junk";

    /** Mailboxes and remote addresses {@code address} leads to; empty when it leads nowhere. */
    record Targets(List<Route.Mailbox> mailboxes, List<String> remote) {
    }

    private Targets expand(String address) throws UserStoreException {
        List<Route.Mailbox> mailboxes = new ArrayList<>();
        Set<String> remote = new LinkedHashSet<>();
        Set<String> seen = new LinkedHashSet<>();
        List<String> level = List.of(address);
        for (int hop = 0; hop <= MAX_HOPS && !level.isEmpty(); hop++) {
            List<String> next = new ArrayList<>();
            for (String target : level) {
                if (!seen.add(target.toLowerCase(Locale.ROOT))) {
                    continue;
                }
                switch (users.route(target)) {
                    case Route.Mailbox box -> {
                        if (mailboxes.stream().noneMatch(b -> b.maildir().equals(box.maildir())
                                && b.folder().equals(box.folder()))) {
                            mailboxes.add(box);
                        }
                    }
                    case Route.Forward forward -> next.addAll(forward.targets());
                    case Route.NotLocal notLocal -> remote.add(target);
                    // Queued anew, it goes to its mailbox host (deliver.Router).
                    case Route.Relay relay -> remote.add(target);
                    case Route.NoSuchUser none -> {
                    }
                }
            }
            level = next;
        }
        return new Targets(List.copyOf(mailboxes), List.copyOf(remote));
    }

    /**
     * A temporary failure when the message would take a mailbox over its quota (the queue retries, and bounces it
     * when the queue lifetime ends, unless the user makes room meanwhile); checked for every mailbox before any
     * is written, so an alias is delivered to all or to none.
     */
    private Optional<Outcome> overQuota(Route.Mailbox box, long size) throws UserStoreException, IOException {
        OptionalLong quota = users.quota(box.address());
        if (quota.isEmpty()) {
            return Optional.empty();
        }
        long used = usage.of(box.maildir());
        if (used + size <= quota.getAsLong()) {
            return Optional.empty();
        }
        return Optional.of(new Outcome.Deferred(Diagnosis.local("4.2.2", "mailbox full: " + box.address() + " uses "
                + used + " of " + quota.getAsLong() + " bytes and the message has " + size)));
    }

    private static String describe(Targets targets) {
        List<String> parts = new ArrayList<>();
        targets.mailboxes().forEach(box -> parts.add(box.address()
                + box.folder().map(f -> " (folder ." + f + ")").orElse("")));
        if (!targets.remote().isEmpty()) {
            parts.add("forwarded to " + String.join(", ", targets.remote()));
        }
        return "delivered to " + String.join("; ", parts);
    }

    /**
     * Envelope values are client data stored as received (queue.md); the SMTP parser refused control
     * characters, but a header line is a new grammar, so they are neutralised again here.
     */
    static String headerSafe(String value) {
        char[] chars = value.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] < 0x20 || chars[i] == 0x7f) {
                chars[i] = '?';
            }
        }
        return new String(chars);
    }
}
