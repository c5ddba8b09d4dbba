package org.godshell.toaster.dmarc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.dmarc.PolicyDiscovery.Discovery;
import org.godshell.toaster.spf.SpfResult;
import org.godshell.toaster.spf.SpfVerdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Alignment and policy once the record is known (RFC 7489 §3.1, §6.6.2, §6.6.4), without DNS: SPF and DKIM
 * results against the From domain, strict and relaxed, p= and sp=, and pct= with a fixed draw.
 */
class JudgementTest {

    private static final Judgement ALWAYS = new Judgement(PublicSuffixes.shipped(), new FixedDraw(0));

    static SpfVerdict spf(SpfResult result, String domain) {
        return new SpfVerdict(result, InetAddress.getLoopbackAddress(), "bounce@" + domain, "mx." + domain, domain,
                "mailfrom", Optional.empty());
    }

    static Discovery found(String record, String at) {
        return new Discovery.Found(DmarcRecordTest.found(record), at);
    }

    private static DmarcVerdict judge(String author, String record, Optional<SpfVerdict> spf, DkimCheck... dkim) {
        return ALWAYS.judge(author, found(record, "example.com"), spf, List.of(dkim));
    }

    @ParameterizedTest(name = "SPF {0} for {1}, aspf={2}: {3}")
    @CsvSource({
        "pass, example.com, r, pass", "pass, bounces.example.com, r, pass", "pass, bounces.example.com, s, fail",
        "pass, example.com, s, pass", "pass, example.net, r, fail", "pass, example.com.evil.example, r, fail",
        "softfail, example.com, r, fail", "neutral, example.com, r, fail", "none, example.com, r, fail",
        "fail, example.com, r, fail", "permerror, example.com, r, fail", "temperror, example.com, r, temperror",
        "temperror, example.net, r, fail", "pass, EXAMPLE.COM., s, pass",
    })
    void spfCountsWhenItPassedForAnAlignedDomain(String result, String domain, String aspf, String expected) {
        DmarcVerdict verdict = judge("example.com", "v=DMARC1; p=reject; aspf=" + aspf,
                Optional.of(spf(SpfResult.valueOf(result.toUpperCase()), domain)));
        assertEquals(expected, verdict.result().word(), verdict.reason());
        assertEquals(expected.equals("fail") ? Policy.REJECT : Policy.NONE, verdict.disposition());
    }

    @ParameterizedTest(name = "DKIM {1} for d={0}, adkim={2}, whole body {3}: {4}")
    @CsvSource({
        "example.com, pass, r, true, pass", "news.example.com, pass, r, true, pass",
        "news.example.com, pass, s, true, fail", "example.net, pass, r, true, fail",
        "example.com, pass, r, false, fail", "example.com, fail, r, true, fail", "example.com, neutral, r, true, fail",
        "example.com, temperror, r, true, temperror", "example.com, permerror, r, true, fail",
        "example.net, temperror, r, true, fail", "'exa\nmple.com', pass, r, true, fail",
    })
    void dkimCountsWhenItPassedForAnAlignedDomainOverTheWholeBody(String domain, String result, String adkim,
            boolean whole, String expected) {
        DmarcVerdict verdict = judge("example.com", "v=DMARC1; p=reject; adkim=" + adkim, Optional.empty(),
                new DkimCheck(domain, DkimCheck.Result.valueOf(result.toUpperCase()), whole));
        assertEquals(expected, verdict.result().word(), verdict.reason());
        assertTrue(verdict.reason().chars().allMatch(c -> c >= 0x20 && c < 0x7f), verdict.reason());
    }

    @Test
    void oneAlignedPassAmongFailuresIsEnough() {
        DmarcVerdict verdict = judge("example.com", "v=DMARC1; p=reject", Optional.of(spf(SpfResult.FAIL,
                "example.com")), new DkimCheck("evil.example", DkimCheck.Result.PASS, true),
                new DkimCheck("example.com", DkimCheck.Result.FAIL, true),
                new DkimCheck("mail.example.com", DkimCheck.Result.PASS, true));
        assertEquals(DmarcResult.PASS, verdict.result());
        assertEquals("DKIM pass for d=mail.example.com", verdict.reason());
    }

    @Test
    void relaxedAlignmentUsesTheWholeListPrivateSuffixesIncluded() {
        String record = "v=DMARC1; p=reject";
        assertEquals(DmarcResult.PASS, ALWAYS.judge("a.example.co.uk", found(record, "example.co.uk"),
                Optional.of(spf(SpfResult.PASS, "b.example.co.uk")), List.of()).result());
        assertEquals(DmarcResult.FAIL, ALWAYS.judge("example.co.uk", found(record, "example.co.uk"),
                Optional.of(spf(SpfResult.PASS, "other.co.uk")), List.of()).result());
        assertEquals(DmarcResult.FAIL, ALWAYS.judge("victim.blogspot.com", found(record, "victim.blogspot.com"),
                Optional.of(spf(SpfResult.PASS, "attacker.blogspot.com")), List.of()).result());
    }

    @Test
    void aHeloCheckDoesNotCount() {
        SpfVerdict helo = new SpfVerdict(SpfResult.PASS, InetAddress.getLoopbackAddress(), "postmaster@example.com",
                "example.com", "example.com", "helo", Optional.empty());
        DmarcVerdict verdict = judge("example.com", "v=DMARC1; p=reject", Optional.of(helo));
        assertEquals(DmarcResult.FAIL, verdict.result());
        assertTrue(verdict.reason().contains("SPF: not checked"), verdict.reason());
    }

    @Test
    void theSubdomainPolicyAppliesWhenThePolicyWasFoundAtTheOrganizationalDomain() {
        Discovery record = found("v=DMARC1; p=reject; sp=quarantine", "example.com");
        DmarcVerdict sub = ALWAYS.judge("news.example.com", record, Optional.empty(), List.of());
        assertEquals(Policy.QUARANTINE, sub.disposition());
        assertEquals(Optional.of(Policy.QUARANTINE), sub.requested());
        assertTrue(sub.reason().endsWith("sp=quarantine"), sub.reason());
        DmarcVerdict own = ALWAYS.judge("example.com", record, Optional.empty(), List.of());
        assertEquals(Policy.REJECT, own.disposition());
        assertTrue(own.reason().endsWith("p=reject"), own.reason());
        DmarcVerdict atSub = ALWAYS.judge("news.example.com", found("v=DMARC1; p=none; sp=reject",
                "news.example.com"), Optional.empty(), List.of());
        assertEquals(Policy.NONE, atSub.disposition(), "a record at the author's own name: its p=");
    }

    @ParameterizedTest(name = "{0} pct={1}, draw {2}: {3}")
    @CsvSource({
        "reject, 50, 0, reject", "reject, 50, 49, reject", "reject, 50, 50, quarantine", "reject, 50, 99, quarantine",
        "quarantine, 50, 50, none", "quarantine, 50, 10, quarantine", "reject, 0, 0, quarantine",
        "none, 50, 99, none", "reject, 1, 0, reject", "reject, 100, 99, reject",
    })
    void pctSamplesTheFailuresAndSparesTheRestTheStrictestPolicy(String p, int pct, int draw, String expected) {
        Judgement judgement = new Judgement(PublicSuffixes.shipped(), new FixedDraw(draw));
        DmarcVerdict verdict = judgement.judge("example.com", found("v=DMARC1; p=" + p + "; pct=" + pct,
                "example.com"), Optional.empty(), List.of());
        assertEquals(DmarcResult.FAIL, verdict.result());
        assertEquals(expected, verdict.disposition().word(), verdict.reason());
        assertEquals(Optional.of(Policy.valueOf(p.toUpperCase())), verdict.requested());
    }

    @Test
    void whatDiscoveryFoundDecidesWithoutAPolicy() {
        assertEquals(DmarcResult.TEMPERROR, ALWAYS.judge("example.com", new Discovery.Temporary("SERVFAIL"),
                Optional.of(spf(SpfResult.PASS, "example.com")), List.of()).result(), "never a pass");
        assertEquals(DmarcResult.NONE, ALWAYS.judge("example.com", new Discovery.NoPolicy("none"),
                Optional.empty(), List.of()).result());
        assertEquals(DmarcResult.NONE, ALWAYS.judge("example.com", new Discovery.Several("two"),
                Optional.empty(), List.of()).result());
        DmarcVerdict invalid = ALWAYS.judge("example.com", new Discovery.Invalid("example.com", "broken"),
                Optional.empty(), List.of());
        assertEquals(DmarcResult.PERMERROR, invalid.result());
        assertEquals(Policy.NONE, invalid.disposition());
    }
}
