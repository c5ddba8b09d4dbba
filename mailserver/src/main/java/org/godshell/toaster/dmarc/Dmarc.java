package org.godshell.toaster.dmarc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.godshell.toaster.dns.Dns;
import org.godshell.toaster.spf.SpfVerdict;

/**
 * The DMARC check of one message (RFC 7489 §6.6): its From domain, its policy from DNS, and the SPF and DKIM
 * results it already has. Thread-safe when {@code random} is (the JDK's default generators are not shared
 * safely: give each thread its own, or use {@link java.util.concurrent.ThreadLocalRandom#current()}).
 *
 * @param dns      the resolver, with its servers and limits
 * @param budget   the time all DNS questions of one message may take together; past it, temperror
 * @param suffixes the Public Suffix List in use ({@link PublicSuffixes})
 * @param random   draws the {@code pct=} sample (§6.6.4); tests give a fixed one
 */
public record Dmarc(Dns dns, Duration budget, PublicSuffixList suffixes, RandomGenerator random) {

    /** Two questions per author at most; a few seconds is what a session waiting after DATA can spare. */
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(10);
    /** More distinct author domains than this is a message built to make us ask DNS, not a real one. */
    static final int MAX_AUTHORS = 10;

    public Dmarc {
        Objects.requireNonNull(dns, "dns");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(suffixes, "suffixes");
        Objects.requireNonNull(random, "random");
    }

    /**
     * The verdict. A message that has not exactly one From field, or whose From holds no usable domain, is
     * not a valid message (RFC 5322 §3.6, RFC 7489 §5) and gets permerror with disposition {@code reject}: a
     * DKIM signature over one From while readers see another is the forgery DMARC exists to stop. Several
     * author domains in one field are each checked (§6.6.1) and the message never passes: any fail gives the
     * strictest disposition among the fails, and if every author passed, the result is permerror with no
     * action, since DMARC vouches for one author.
     *
     * @param spf  the SPF check of the MAIL FROM identity, if one was made (a HELO check does not count)
     * @param dkim every DKIM signature's result, in any order
     */
    public DmarcVerdict evaluate(Authors authors, Optional<SpfVerdict> spf, List<DkimCheck> dkim) {
        if (authors.fields() != 1) {
            return DmarcVerdict.without(DmarcResult.PERMERROR, Policy.REJECT, Optional.empty(), authors.fields()
                    + " From header fields: RFC 5322 section 3.6 asks for exactly one");
        }
        Set<String> domains = new LinkedHashSet<>();
        for (String domain : authors.domains()) {
            Optional<String> ascii = DomainName.ascii(domain);
            if (ascii.isEmpty()) {
                return DmarcVerdict.without(DmarcResult.PERMERROR, Policy.REJECT, Optional.empty(),
                        "the From header field holds an address whose domain is not a domain name");
            }
            domains.add(ascii.get());
        }
        if (domains.isEmpty()) {
            return DmarcVerdict.without(DmarcResult.PERMERROR, Policy.REJECT, Optional.empty(),
                    "the From header field holds no address");
        }
        if (domains.size() > MAX_AUTHORS) {
            return DmarcVerdict.without(DmarcResult.PERMERROR, Policy.REJECT, Optional.empty(),
                    "the From header field names more than " + MAX_AUTHORS + " domains");
        }
        PolicyDiscovery discovery = new PolicyDiscovery(dns, suffixes, System.nanoTime() + budget.toNanos());
        Judgement judgement = new Judgement(suffixes, random);
        List<DmarcVerdict> verdicts = new ArrayList<>();
        for (String author : domains) {
            verdicts.add(judgement.judge(author, discovery.discover(author), spf, dkim));
        }
        return verdicts.size() == 1 ? verdicts.get(0) : combine(verdicts);
    }

    /** §6.6.1: "apply the most strict policy selected among the checks that fail"; never a pass. */
    private static DmarcVerdict combine(List<DmarcVerdict> verdicts) {
        String prefix = verdicts.size() + " author domains; ";
        for (DmarcResult worst : List.of(DmarcResult.FAIL, DmarcResult.TEMPERROR, DmarcResult.PERMERROR,
                DmarcResult.NONE)) {
            Optional<DmarcVerdict> found = verdicts.stream().filter(v -> v.result() == worst)
                    .max(Comparator.comparing(DmarcVerdict::disposition));
            if (found.isPresent()) {
                DmarcVerdict v = found.get();
                return new DmarcVerdict(v.result(), v.disposition(), v.author(), v.recordDomain(), v.record(),
                        prefix + v.author().orElseThrow() + ": " + v.reason());
            }
        }
        return DmarcVerdict.without(DmarcResult.PERMERROR, Policy.NONE, Optional.empty(),
                prefix + "each passed, but DMARC vouches for one author (RFC 7489 section 6.6.1)");
    }
}
