package org.godshell.toaster.mtasts;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
 * <p>A fetch that fails with nothing cached is remembered for {@link #RETRY_AFTER} (per domain and record id, in
 * memory): while a policy host is down, each delivery to its domain would otherwise wait out the fetch's timeout
 * again, and a queue run with a hundred messages for it a hundred times.
 *
 * <p>Thread-safe. Two deliveries to one domain may fetch its policy at the same time; both write the same
 * policy, atomically.
 */
public final class MtaSts {

    /** How long a failed fetch stands before the policy host is asked again. */
    static final Duration RETRY_AFTER = Duration.ofMinutes(5);
    /** Failures remembered at most; beyond it the oldest are forgotten (a domain then costs one more fetch). */
    static final int MAX_FAILURES = 10_000;

    /** A fetch that failed for a record id, until when it stands. */
    private record Failure(String id, Instant until, StsLookup.Unavailable answer) {}

    private final PolicyStore store;
    private final PolicyFetcher fetcher;
    private final Clock clock;
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();

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
        Failure failed = failures.get(domain);
        if (cached.isEmpty() && failed != null && failed.id().equals(id) && now.isBefore(failed.until())) {
            return failed.answer();
        }
        return switch (fetcher.fetch(domain, dns, trust, timeout)) {
            case Fetched.Found found -> {
                Cached fresh = new Cached(found.policy(), id, now);
                try {
                    store.save(domain, fresh);
                } catch (IOException e) {
                    // Not kept: the next delivery fetches it again. Delivery goes on with the policy in hand.
                }
                failures.remove(domain);
                yield new StsLookup.Active(fresh);
            }
            case Fetched.Failed f -> cached.<StsLookup>map(StsLookup.Active::new)
                    .orElseGet(() -> remember(domain, id, now, new StsLookup.Unavailable(f.type(), f.why())));
        };
    }

    private StsLookup.Unavailable remember(String domain, String id, Instant now, StsLookup.Unavailable answer) {
        if (failures.size() >= MAX_FAILURES) {
            failures.values().removeIf(f -> !now.isBefore(f.until()));
            if (failures.size() >= MAX_FAILURES) {
                failures.clear();
            }
        }
        failures.put(domain, new Failure(id, now.plus(RETRY_AFTER), answer));
        return answer;
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
