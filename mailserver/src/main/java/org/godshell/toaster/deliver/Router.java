package org.godshell.toaster.deliver;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.godshell.toaster.deliver.local.LocalDelivery;
import org.godshell.toaster.deliver.remote.MessageSource;
import org.godshell.toaster.deliver.remote.RemoteDelivery;
import org.godshell.toaster.queue.QueuedMessage;
import org.godshell.toaster.users.Route;
import org.godshell.toaster.users.UserStore;
import org.godshell.toaster.users.UserStoreException;

/**
 * Chooses the way out for each recipient — a virtual domain of this host (local delivery), a user whose mailbox
 * host is another host of a shared user database (remote delivery to that host), or anything else (remote
 * delivery by MX or {@code smtproutes}) — and runs it. A recipient without a domain (RFC 5321 §4.1.1.3
 * allows {@code <postmaster>}) means {@code postmaster@me}.
 */
public final class Router {

    private final UserStore users;
    private final LocalDelivery local;
    private final RemoteDelivery remote;
    private final Supplier<String> me;

    public Router(UserStore users, LocalDelivery local, RemoteDelivery remote, String me) {
        this(users, local, remote, () -> me);
    }

    /** {@code me}: asked for at each recipient without a domain, so that an edit of control/me applies. */
    public Router(UserStore users, LocalDelivery local, RemoteDelivery remote, Supplier<String> me) {
        this.users = users;
        this.local = local;
        this.remote = remote;
        this.me = Objects.requireNonNull(me, "me");
    }

    /** Where a recipient goes: its local address, or its remote domain and address (with a domain). */
    sealed interface Way {
        record Local(String address) implements Way {
        }

        /** {@code via}: the mailbox host of a domain of a shared user database, else empty (MX or smtproutes). */
        record Remote(String domain, String address, Optional<String> via) implements Way {
        }
    }

    /** The way for {@code recipient}. */
    Way way(String recipient) throws UserStoreException {
        String address = recipient.indexOf('@') < 0 ? recipient + "@" + me.get() : recipient;
        String domain = address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        return switch (users.route(address)) {
            case Route.NotLocal notLocal -> new Way.Remote(domain, address, Optional.empty());
            case Route.Relay relay -> new Way.Remote(domain, address, Optional.of(relay.host()));
            case Route.Mailbox mailbox -> new Way.Local(address);
            case Route.Forward forward -> new Way.Local(address);
            case Route.NoSuchUser nobody -> new Way.Local(address);
        };
    }

    Outcome deliverLocal(QueuedMessage message, String address) {
        return local.deliver(message, address);
    }

    Map<String, Outcome> deliverRemote(QueuedMessage message, String domain, Optional<String> via,
            List<String> recipients) {
        return remote.deliver(message.envelope().sender(), domain, recipients, MessageSource.of(message::openMessage,
                message.envelope().eightBitMime(), message.envelope().smtputf8()), via);
    }
}
