package org.godshell.toaster.users;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * {@code control/userdbcache}: the users a lookup found lately, kept so that logins go on through a short outage
 * of the user database when the admin allows it. Only what the database answered is kept (the stored password
 * field, never a password), only for that long, and only used while the database cannot be asked: when it
 * answers, its answer wins and replaces the entry (a user it no longer has is forgotten at once).
 */
final class LoginCache {

    /** Past this many entries the cache starts afresh: a bound on memory, not a policy. */
    static final int MAX_ENTRIES = 100_000;

    private record Entry(UserBackend.Login login, Instant seen) {
    }

    private final Duration keep;
    private final Clock clock;
    private final Consumer<String> log;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicBoolean serving = new AtomicBoolean();

    LoginCache(Duration keep, Clock clock, Consumer<String> log) {
        this.keep = keep;
        this.clock = clock;
        this.log = log;
    }

    /** What the database answered for {@code address} just now. */
    void answered(String address, Optional<UserBackend.Login> login) {
        if (keep.isZero()) {
            return;
        }
        if (serving.compareAndSet(true, false)) {
            log.accept("the user database answers again; logins are checked against it");
        }
        if (login.isEmpty()) {
            entries.remove(address);
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(address, new Entry(login.get(), clock.instant()));
    }

    /** The user as the database last answered, while that is recent enough; the database could not be asked. */
    Optional<UserBackend.Login> whileDown(String address, UserStoreException failure) {
        Entry entry = keep.isZero() ? null : entries.get(address);
        if (entry == null || entry.seen().plus(keep).isBefore(clock.instant())) {
            return Optional.empty();
        }
        if (serving.compareAndSet(false, true)) {
            log.accept("logins answered from control/userdbcache (up to " + keep.toSeconds() + " s old): "
                    + failure.getMessage());
        }
        return Optional.of(entry.login());
    }
}
