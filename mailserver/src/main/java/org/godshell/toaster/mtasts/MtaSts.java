package org.godshell.toaster.mtasts;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.dns.Answer;
import org.godshell.toaster.dns.Dns;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * The MTA-STS policy of a recipient domain as RFC 8461 §5.1 says to find it: the {@code _mta-sts} TXT record
 * first; a cached, unexpired policy fetched under the same id is used as is; otherwise the policy is fetched
 * and cached. A fetch that fails leaves an unexpired cached policy in force (§5.1, and §10.2: an attacker who
 * blocks the policy host or its record must not switch enforcement off), and so does a missing record.
 *
 * <p>Thread-safe. Two deliveries to one domain may fetch its policy at the same time; both write the same
 * policy, atomically.
 */
public final class MtaSts {

    private final PolicyStore store;
    private final PolicyFetcher fetcher;
    private final Clock clock;

    public MtaSts(PolicyStore store, PolicyFetcher fetcher, Clock clock) {
        this.store = store;
        this.fetcher = fetcher;
        this.clock = clock;
    }

    /** The policy cache in {@code directory} (the prefix's {@code var/mta-sts/}), fetched on port 443. */
    public static MtaSts in(java.nio.file.Path directory) {
        return new MtaSts(new PolicyStore(directory), PolicyFetcher.standard(), Clock.systemUTC());
    }

    /** Never throws: DNS and HTTPS trouble is no policy, or the cached one. */
    public StsLookup lookup(String domain, Dns dns, WebPki trust, Duration timeout) {
        Instant now = clock.instant();
        Optional<Cached> cached = store.load(domain).filter(c -> c.fresh(now));
        Optional<StsRecord> record = record(domain, dns, timeout);
        if (record.isEmpty()) {
            return cached.<StsLookup>map(StsLookup.Active::new).orElseGet(StsLookup.NoPolicy::new);
        }
        String id = record.get().id();
        if (cached.isPresent() && cached.get().id().equals(id)) {
            return new StsLookup.Active(cached.get());
        }
        return switch (fetcher.fetch(domain, dns, trust, timeout)) {
            case Fetched.Found found -> {
                Cached fresh = new Cached(found.policy(), id, now);
                try {
                    store.save(domain, fresh);
                } catch (IOException e) {
                    // Not kept: the next delivery fetches it again. Delivery goes on with the policy in hand.
                }
                yield new StsLookup.Active(fresh);
            }
            case Fetched.Failed failed -> cached.<StsLookup>map(StsLookup.Active::new)
                    .orElseGet(() -> new StsLookup.Unavailable(failed.type(), failed.why()));
        };
    }

    /** The one valid record, or empty for none, several, a malformed one or a DNS failure (§3.1). */
    private static Optional<StsRecord> record(String domain, Dns dns, Duration timeout) {
        String name = "_mta-sts." + domain;
        if (!Dns.valid(name)) {
            return Optional.empty();
        }
        if (dns.query(name, Type.TXT, timeout) instanceof Answer.Data data) {
            List<String> texts = new ArrayList<>();
            for (Record r : data.records()) {
                if (r instanceof TXTRecord txt) {
                    // RFC 7208 §3.3's rule for SPF holds here too: a record's strings are joined without spaces.
                    texts.add(String.join("", txt.getStrings()));
                }
            }
            return StsRecord.select(texts);
        }
        return Optional.empty();
    }
}
