package org.godshell.toaster.site.edit.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The server-side session store: a session lives until it has been idle for {@code idle}, or {@code absolute}
 * after its login, or until logout, whichever comes first; a restart ends all of them. At most {@code cap}
 * sessions are kept: a new login past it first drops the expired ones, then the one used least recently, so a
 * flood of logins costs memory up to the cap and no more. Thread-safe.
 */
public final class Sessions {

    /** An hour idle, a working day in all: an editor in the middle of a page is not logged out under it. */
    public static final Duration IDLE = Duration.ofHours(1);
    public static final Duration ABSOLUTE = Duration.ofHours(12);
    public static final int CAP = 10_000;

    private record Entry(Session session, Instant lastSeen) {
    }

    private final Clock clock;
    private final Duration idle;
    private final Duration absolute;
    private final int cap;
    /** In access order: the first entry is the one used least recently. */
    private final LinkedHashMap<String, Entry> byId = new LinkedHashMap<>(16, 0.75f, true);

    public Sessions(Clock clock, Duration idle, Duration absolute, int cap) {
        if (idle.isNegative() || idle.isZero() || absolute.compareTo(idle) < 0 || cap < 1) {
            throw new IllegalArgumentException("expiries must be positive, absolute at least idle, the cap >= 1");
        }
        this.clock = clock;
        this.idle = idle;
        this.absolute = absolute;
        this.cap = cap;
    }

    public Sessions(Clock clock) {
        this(clock, IDLE, ABSOLUTE, CAP);
    }

    /** A new session for an account that has just logged in, with a fresh id and token. */
    public synchronized Session open(String account) {
        Instant now = clock.instant();
        if (byId.size() >= cap) {
            byId.values().removeIf(entry -> expired(entry, now));
        }
        Iterator<Map.Entry<String, Entry>> oldest = byId.entrySet().iterator();
        while (byId.size() >= cap && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
        Session session = new Session(Secrets.random(), account, Secrets.random(), now);
        byId.put(session.id(), new Entry(session, now));
        return session;
    }

    /** The live session with this id, its idle time starting again; expired ones are removed here. */
    public synchronized Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Entry entry = byId.get(id);
        if (entry == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(entry, now)) {
            byId.remove(id);
            return Optional.empty();
        }
        byId.put(id, new Entry(entry.session(), now));
        return Optional.of(entry.session());
    }

    public synchronized void close(String id) {
        byId.remove(id);
    }

    public synchronized int size() {
        return byId.size();
    }

    private boolean expired(Entry entry, Instant now) {
        return !now.isBefore(entry.lastSeen().plus(idle)) || !now.isBefore(entry.session().created().plus(absolute));
    }
}
