package org.godshell.toaster.auth;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed logins per client address, against password guessing: after {@link #SLOW_AFTER} failures in the
 * window each answer is slowed down, growing with the count; after {@link #BLOCK_AFTER} the address is refused
 * (421 and disconnect) for the cooling period. A success clears the address's count.
 */
public final class AuthThrottle {

    static final int SLOW_AFTER = 3;
    static final int BLOCK_AFTER = 10;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration COOLING = Duration.ofMinutes(15);
    static final Duration MAX_DELAY = Duration.ofSeconds(5);

    private record Failures(int count, Instant first, Instant blockedUntil) {}

    private final ConcurrentHashMap<InetAddress, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration delayStep;

    public AuthThrottle(Clock clock) {
        this(clock, Duration.ofSeconds(1));
    }

    /** {@code delayStep}: the wait added per failure past {@link #SLOW_AFTER} (tests use zero). */
    public AuthThrottle(Clock clock, Duration delayStep) {
        this.clock = clock;
        this.delayStep = delayStep;
    }

    /** The address may not try now: too many failures, still cooling. */
    public boolean blocked(InetAddress client) {
        Failures f = failures.get(client);
        return f != null && f.blockedUntil() != null && clock.instant().isBefore(f.blockedUntil());
    }

    /**
     * How long the address is still refused, when it is: for a server that tells the client when to come back
     * (HTTP's Retry-After, RFC 9110 §10.2.3) rather than only that it may not try now.
     */
    public Optional<Duration> blockedFor(InetAddress client) {
        Failures f = failures.get(client);
        Instant now = clock.instant();
        return f == null || f.blockedUntil() == null || !now.isBefore(f.blockedUntil()) ? Optional.empty()
                : Optional.of(Duration.between(now, f.blockedUntil()));
    }

    /** Counts a failure; returns how long to wait before answering it (zero for the first few). */
    public Duration failed(InetAddress client) {
        Instant now = clock.instant();
        Failures after = failures.compute(client, (address, f) -> {
            if (f == null || now.isAfter(f.first().plus(WINDOW)) && f.blockedUntil() == null) {
                return new Failures(1, now, null);
            }
            int count = f.count() + 1;
            return new Failures(count, f.first(), count >= BLOCK_AFTER ? now.plus(COOLING) : null);
        });
        int over = after.count() - SLOW_AFTER;
        if (over <= 0) {
            return Duration.ZERO;
        }
        Duration delay = delayStep.multipliedBy(over);
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    /** How many addresses are refused now, for the metrics; one pass over the map, which {@link #expire} bounds. */
    public int blockedNow() {
        Instant now = clock.instant();
        return (int) failures.values().stream().filter(f -> f.blockedUntil() != null && now.isBefore(f.blockedUntil()))
                .count();
    }

    public void succeeded(InetAddress client) {
        failures.remove(client);
    }

    /** Drops entries whose window and cooling are over, so the map cannot grow without end. */
    public void expire() {
        Instant now = clock.instant();
        failures.entrySet().removeIf(e -> now.isAfter(e.getValue().first().plus(WINDOW))
                && (e.getValue().blockedUntil() == null || now.isAfter(e.getValue().blockedUntil())));
    }
}
