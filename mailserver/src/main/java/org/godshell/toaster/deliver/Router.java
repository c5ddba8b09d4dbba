package org.godshell.toaster.deliver;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.godshell.toaster.deliver.local.LocalDelivery;
import org.godshell.toaster.deliver.remote.MessageSource;
import org.godshell.toaster.deliver.remote.RemoteDelivery;
import org.godshell.toaster.queue.QueuedMessage;
import org.godshell.toaster.users.Route;
import org.godshell.toaster.users.UserStore;
import org.godshell.toaster.users.UserStoreException;

/**
 * Chooses the way out for each recipient — a virtual domain of this host (local delivery), or anything else
 * (remote delivery by MX or {@code smtproutes}) — and runs it. A recipient without a domain (RFC 5321 §4.1.1.3
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

        record Remote(String domain, String address) implements Way {
        }
    }

    /** The way for {@code recipient}. */
    Way way(String recipient) throws UserStoreException {
        String address = recipient.indexOf('@') < 0 ? recipient + "@" + me.get() : recipient;
        if (users.route(address) instanceof Route.NotLocal) {
            return new Way.Remote(address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT), address);
        }
        return new Way.Local(address);
    }

    Outcome deliverLocal(QueuedMessage message, String address) {
        return local.deliver(message, address);
    }

    Map<String, Outcome> deliverRemote(QueuedMessage message, String domain, List<String> recipients) {
        return remote.deliver(message.envelope().sender(), domain, recipients, MessageSource.of(message::openMessage,
                message.envelope().eightBitMime(), message.envelope().smtputf8()));
    }
}
