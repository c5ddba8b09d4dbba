package org.godshell.toaster.dkim.keys;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.godshell.toaster.dkim.Algorithm;

/**
 * One key of a domain: its selector (the key's DNS name is {@code SELECTOR._domainkey.DOMAIN}, RFC 6376 §3.6.2.1),
 * its state, the algorithm its key signs with, and when it was made (to the second).
 */
public record Selector(String name, KeyState state, Algorithm algorithm, Instant created) {

    public Selector {
        if (!SelectorNames.valid(name)) {
            throw new IllegalArgumentException("not a selector name: " + SelectorNames.printable(name));
        }
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(algorithm, "algorithm");
        created = created.truncatedTo(ChronoUnit.SECONDS);
    }

    /** The same key in another state. */
    public Selector in(KeyState next) {
        return new Selector(name, next, algorithm, created);
    }

    /** The name its public key is published under, without the final dot. */
    public String recordName(String domain) {
        return name + "._domainkey." + domain;
    }
}
