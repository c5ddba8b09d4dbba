package org.godshell.toaster.msgauth;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.godshell.toaster.users.Route;
import org.godshell.toaster.users.UserStore;
import org.godshell.toaster.users.UserStoreException;

/**
 * Which of our domains forwards a message to another host: the domain of the first recipient whose alias (or
 * catch-all), followed through further aliases, leads to an address that is not ours. Its keys then seal the
 * message with ARC at intake, so the copy that leaves carries our verdict on the original (RFC 8617 §5.1).
 */
@FunctionalInterface
public interface Forwarding {

    /** Nothing is forwarded anywhere. */
    Forwarding NONE = recipients -> Optional.empty();

    /** The lower-case domain of the first recipient forwarded off this host, if any. */
    Optional<String> forwarder(List<String> recipients);

    /** How local delivery will route: {@link UserStore#route}, aliases followed as deep as it follows them. */
    static Forwarding of(UserStore store, int maxHops) {
        return recipients -> {
            for (String recipient : recipients) {
                if (leavesTheHost(store, recipient, maxHops)) {
                    return Optional.of(recipient.substring(recipient.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT));
                }
            }
            return Optional.empty();
        };
    }

    private static boolean leavesTheHost(UserStore store, String recipient, int maxHops) {
        Set<String> seen = new HashSet<>();
        Deque<String> level = new ArrayDeque<>(List.of(recipient));
        try {
            for (int hop = 0; hop <= maxHops && !level.isEmpty(); hop++) {
                Deque<String> next = new ArrayDeque<>();
                for (String address : level) {
                    if (!seen.add(address.toLowerCase(Locale.ROOT))) {
                        continue;
                    }
                    switch (store.route(address)) {
                        case Route.Forward forward -> next.addAll(forward.targets());
                        case Route.NotLocal other -> {
                            if (hop > 0) {
                                return true;
                            }
                        }
                        case Route.Mailbox mailbox -> { }
                        case Route.Relay relay -> { }
                        case Route.NoSuchUser nobody -> { }
                    }
                }
                level = next;
            }
        } catch (UserStoreException e) {
            return false;       // delivery defers such mail; sealing is not worth failing the message for
        }
        return false;
    }
}
