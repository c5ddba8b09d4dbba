package org.godshell.toaster.dmarc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.godshell.toaster.dmarc.PolicyDiscovery.Discovery;
import org.godshell.toaster.spf.SpfResult;
import org.godshell.toaster.spf.SpfVerdict;

/**
 * The verdict for one author domain once its policy is known (RFC 7489 §6.6.2 to §6.6.4): pass when SPF or
 * DKIM passed for an aligned domain, otherwise fail with the policy the record asks for this author, sampled by
 * {@code pct=}. No DNS here: the same inputs always give the same verdict, but for the random draw, which the
 * caller injects.
 *
 * <p>Beyond the RFC, two choices that only ever keep a pass from being given: a DKIM pass over part of the body
 * ({@code l=}) does not count, and when nothing aligned passed but an aligned check failed temporarily, the
 * result is temperror rather than fail, so a DNS hiccup at the sender asks for a retry instead of a rejection.
 */
record Judgement(PublicSuffixList suffixes, RandomGenerator random) {

    DmarcVerdict judge(String author, Discovery discovery, Optional<SpfVerdict> spf, List<DkimCheck> dkim) {
        Optional<String> who = Optional.of(author);
        return switch (discovery) {
            case Discovery.Temporary temporary -> DmarcVerdict.without(DmarcResult.TEMPERROR, Policy.NONE, who,
                    temporary.reason());
            case Discovery.NoPolicy none -> DmarcVerdict.without(DmarcResult.NONE, Policy.NONE, who, none.reason());
            case Discovery.Several several -> DmarcVerdict.without(DmarcResult.NONE, Policy.NONE, who,
                    several.reason());
            case Discovery.Invalid invalid -> new DmarcVerdict(DmarcResult.PERMERROR, Policy.NONE, who,
                    Optional.of(invalid.domain()), Optional.empty(), invalid.reason());
            case Discovery.Found found -> apply(author, found, spf, dkim);
        };
    }

    private DmarcVerdict apply(String author, Discovery.Found found, Optional<SpfVerdict> spf, List<DkimCheck> dkim) {
        DmarcRecord record = found.record();
        List<String> passes = new ArrayList<>();
        List<String> others = new ArrayList<>();
        boolean temporary = false;
        Optional<SpfVerdict> mailFrom = spf.filter(v -> v.identity().equals("mailfrom"));
        if (mailFrom.isEmpty()) {
            others.add("SPF: not checked");
        } else {
            SpfVerdict verdict = mailFrom.get();
            boolean aligned = aligned(verdict.domain(), author, record.spf());
            String what = "SPF " + verdict.result().word() + " for " + shown(verdict.domain())
                    + (aligned ? "" : " (not aligned)");
            (aligned && verdict.result() == SpfResult.PASS ? passes : others).add(what);
            temporary |= aligned && verdict.result() == SpfResult.TEMPERROR;
        }
        for (DkimCheck check : dkim) {
            boolean aligned = aligned(check.domain(), author, record.dkim());
            boolean pass = check.result() == DkimCheck.Result.PASS;
            String what = "DKIM " + check.result().word() + " for d=" + shown(check.domain())
                    + (aligned ? "" : " (not aligned)")
                    + (pass && !check.wholeBody() ? " (l= leaves body unsigned)" : "");
            (aligned && pass && check.wholeBody() ? passes : others).add(what);
            temporary |= aligned && check.result() == DkimCheck.Result.TEMPERROR;
        }
        if (dkim.isEmpty()) {
            others.add("DKIM: no signature");
        }
        Optional<String> who = Optional.of(author);
        Optional<String> where = Optional.of(found.domain());
        Optional<DmarcRecord> what = Optional.of(record);
        if (!passes.isEmpty()) {
            return new DmarcVerdict(DmarcResult.PASS, Policy.NONE, who, where, what, String.join("; ", passes));
        }
        String failures = String.join("; ", others);
        if (temporary) {
            return new DmarcVerdict(DmarcResult.TEMPERROR, Policy.NONE, who, where, what,
                    "no aligned pass, and an aligned check failed temporarily: " + failures);
        }
        Policy requested = record.policyFor(author, found.domain());
        boolean sampled = record.percent() == 100 || random.nextInt(100) < record.percent();
        Policy disposition = sampled ? requested : requested.weaker();
        boolean subdomain = !author.equals(found.domain()) && record.subdomainPolicy().isPresent();
        String policy = (subdomain ? "sp=" : "p=") + requested.word()
                + (sampled ? "" : ", pct=" + record.percent() + " left this message out: " + disposition.word());
        return new DmarcVerdict(DmarcResult.FAIL, disposition, who, where, what,
                "no aligned pass: " + failures + "; " + policy);
    }

    private boolean aligned(String authenticated, String author, Alignment alignment) {
        return DomainName.ascii(authenticated).map(domain -> alignment.aligned(domain, author, suffixes))
                .orElse(false);
    }

    private static String shown(String domain) {
        return DomainName.ascii(domain).orElse("(not a domain)");
    }
}
