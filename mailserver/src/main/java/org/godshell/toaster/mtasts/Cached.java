package org.godshell.toaster.mtasts;

import java.time.Instant;
import java.util.Objects;

/**
 * A policy as the cache keeps it (RFC 8461 §5.1): with the TXT record id it was fetched under and the time of
 * the fetch, so that it expires {@code max_age} later and is fetched again when the id changes.
 */
public record Cached(Policy policy, String id, Instant fetched) {

    public Cached {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fetched, "fetched");
    }

    public Instant expires() {
        return fetched.plus(policy.maxAge());
    }

    public boolean fresh(Instant now) {
        return now.isBefore(expires());
    }
}
