package org.godshell.toaster.users;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@link UserStore#route}: one address to one {@link Route}, in this order (the first that matches wins):
 * <ol>
 *   <li>a user of the domain ({@code passwd}), local part without case, as {@link UserStore#verify} reads it;</li>
 *   <li>an alias of that name ({@code aliases});</li>
 *   <li>plus-addressing: {@code user+tag} goes to user {@code user}, into Maildir++ folder {@code .tag} when it
 *       exists and the tag is a safe folder name, else to the alias {@code user};</li>
 *   <li>the catch-all {@code *};</li>
 *   <li>for {@code postmaster} (and {@code postmaster+tag}) with none of the above: RFC 5321 §4.5.1 requires
 *       every domain to accept it, so it goes to the first user of the domain's passwd file (the first one
 *       added, usually the admin); a domain with no users defers it with an error that says how to fix it, so
 *       the mail waits in the queue instead of bouncing;</li>
 *   <li>otherwise nobody: {@link Route.NoSuchUser}.</li>
 * </ol>
 * An alias line that is broken (see {@link AliasFile#broken}) defers its name's mail rather than bouncing it or
 * giving it to the catch-all. Names pass {@link Address}'s checks before they become paths.
 */
final class Router {

    static final String POSTMASTER = "postmaster";

    private final UserBackend backend;
    private final Path domains;

    /** {@code domains}: the directory under which this host keeps {@code DOMAIN/USER/Maildir}. */
    Router(UserBackend backend, Path domains) {
        this.backend = backend;
        this.domains = domains;
    }

    Route route(String address) throws UserStoreException {
        int at = address == null ? -1 : address.lastIndexOf('@');
        if (at < 0 || !ascii(address.substring(at + 1))) {
            return new Route.NotLocal();
        }
        String domain = address.substring(at + 1).toLowerCase(Locale.ROOT);
        Optional<UserBackend.DomainView> found = Address.validDomain(domain) ? backend.domain(domain)
                : Optional.empty();
        if (found.isEmpty()) {
            return new Route.NotLocal();
        }
        UserBackend.DomainView view = found.get();
        String local = address.substring(0, at);
        // Non-ASCII or otherwise odd local parts can be no user or alias; only the catch-all can take them.
        String lower = ascii(local) ? local.toLowerCase(Locale.ROOT) : "";
        String base = lower;
        if (Address.validLocal(lower)) {
            Optional<Route> exact = named(lower, domain, Optional.empty(), view, lower);
            if (exact.isPresent()) {
                return exact.get();
            }
            int plus = lower.indexOf('+');
            if (plus > 0 && Address.validLocal(lower.substring(0, plus))) {
                base = lower.substring(0, plus);
                Optional<Route> tagged = named(base, domain, Optional.of(lower.substring(plus + 1)), view, lower);
                if (tagged.isPresent()) {
                    return tagged.get();
                }
            }
        }
        Optional<Route> catchAll = alias(UserBackend.CATCH_ALL, domain, view);
        if (catchAll.isPresent()) {
            return catchAll.get();
        }
        if (base.equals(POSTMASTER)) {
            return new Route.Forward(List.of(view.firstMailbox().orElseThrow(() -> new UserStoreException(
                    "postmaster@" + domain + " has nowhere to go: the domain has no user, no postmaster alias and"
                    + " no catch-all; toaster alias add postmaster@" + domain + " you@example.org"))));
        }
        return new Route.NoSuchUser();
    }

    /**
     * The user or alias {@code name} (already valid), the user's folder chosen by {@code tag}; a user whose
     * mailboxes another host stores is relayed there as {@code asked} (tag included), for that host to file.
     */
    private Optional<Route> named(String name, String domain, Optional<String> tag, UserBackend.DomainView view,
            String asked) throws UserStoreException {
        if (!view.hasMailbox(name)) {
            return alias(name, domain, view);
        }
        if (view.mailboxHost().isPresent()) {
            return Optional.of(new Route.Relay(asked + "@" + domain, view.mailboxHost().get()));
        }
        Path maildir = domains.resolve(domain).resolve(name).resolve("Maildir");
        return Optional.of(new Route.Mailbox(name + "@" + domain, maildir, tag.filter(Router::safeFolder)
                .filter(t -> Files.isDirectory(maildir.resolve("." + t), LinkOption.NOFOLLOW_LINKS))));
    }

    private static Optional<Route> alias(String name, String domain, UserBackend.DomainView view)
            throws UserStoreException {
        return switch (view.alias(name)) {
            case UserBackend.AliasLookup.Targets targets -> Optional.of(new Route.Forward(targets.targets()));
            case UserBackend.AliasLookup.Broken broken -> throw new UserStoreException(broken.problem()
                    + "; its mail waits until the line is fixed");
            case UserBackend.AliasLookup.None none -> Optional.empty();
        };
    }

    /**
     * A tag that can name a Maildir++ folder {@code .tag} inside the Maildir and nothing else: no '/', no "..",
     * no leading dot (".." or a hidden name), no control characters, not empty. The tag already passed
     * {@link Address}'s character set as part of the local part; this says it again where the path is made.
     */
    static boolean safeFolder(String tag) {
        return !tag.isEmpty() && tag.length() <= Address.MAX_LOCAL && !tag.startsWith(".") && !tag.contains("..")
                && !tag.endsWith(".") && tag.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '/' && c != '\\');
    }

    private static boolean ascii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }
}
