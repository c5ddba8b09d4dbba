package org.godshell.toaster.dmarc;

import static org.godshell.toaster.dmarc.JudgementTest.spf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.godshell.toaster.dns.FixtureDns;
import org.godshell.toaster.spf.SpfResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One message's check against a fixture nameserver on loopback: policy discovery (RFC 7489 §6.6.3) at the
 * author's name, then at its organizational domain; DNS failures; and the From header fields DMARC cannot
 * judge (§6.6.1).
 */
class DmarcTest {

    private static FixtureDns fixture;
    private static Dmarc dmarc;

    @BeforeAll
    static void zone() throws Exception {
        fixture = new FixtureDns()
                .txt("_dmarc.example.com.", "v=DMARC1; p=reject; sp=quarantine; rua=mailto:d@example.com")
                .txt("_dmarc.own.example.com.", "v=DMARC1; p=none")
                .txt("_dmarc.split.example.", "v=DMARC1; ", "p=reject")
                .txt("_dmarc.noise.example.", "v=spf1 -all").txt("_dmarc.noise.example.", "google-site-verification=x")
                .txt("_dmarc.noise.example.", "v=DMARC1; p=quarantine")
                .txt("_dmarc.two.example.", "v=DMARC1; p=reject").txt("_dmarc.two.example.", "v=DMARC1; p=none")
                .txt("_dmarc.sub.two.example.", "v=spf1 -all")
                .txt("_dmarc.dup.example.com.", "v=DMARC1; p=none").txt("_dmarc.dup.example.com.", "v=DMARC1; p=none")
                .txt("_dmarc.broken.example.", "v=DMARC1; p=block")
                .txt("_dmarc.other.example.", "nothing for DMARC here")
                .txt("_dmarc.example.co.uk.", "v=DMARC1; p=reject")
                .txt("_dmarc.co.uk.", "v=DMARC1; p=none")
                .txt("_dmarc.xn--bcher-kva.example.", "v=DMARC1; p=reject")
                .servfail("_dmarc.servfail.example.").servfail("_dmarc.org-servfail.example.")
                .silent("_dmarc.slow.example.");
        dmarc = new Dmarc(fixture.dns(), Duration.ofMillis(800), PublicSuffixes.shipped(), new FixedDraw(0));
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    private static DmarcVerdict check(String from) {
        return dmarc.evaluate(Authors.of(from), Optional.empty(), List.of());
    }

    @ParameterizedTest(name = "{0}: {1} {2} from {3}")
    @CsvSource(nullValues = "-", value = {
        "example.com, fail, reject, example.com", "news.example.com, fail, quarantine, example.com",
        "a.b.news.example.com, fail, quarantine, example.com", "own.example.com, fail, none, own.example.com",
        "split.example, fail, reject, split.example", "noise.example, fail, quarantine, noise.example",
        "two.example, none, none, -", "sub.two.example, none, none, -",
        "broken.example, permerror, none, broken.example", "other.example, none, none, -",
        "nowhere.example, none, none, -", "a.example.co.uk, fail, reject, example.co.uk",
        "co.uk, fail, none, co.uk", "Bücher.example, fail, reject, xn--bcher-kva.example",
        "EXAMPLE.COM., fail, reject, example.com",
    })
    void discoveryAtTheAuthorThenAtItsOrganizationalDomain(String from, String result, String disposition,
            String recordDomain) {
        DmarcVerdict verdict = check(from);
        assertEquals(result, verdict.result().word(), verdict.reason());
        assertEquals(disposition, verdict.disposition().word(), verdict.reason());
        assertEquals(Optional.ofNullable(recordDomain), verdict.recordDomain(), verdict.reason());
    }

    @Test
    void severalRecordsAtTheAuthorAreNoPolicyAndNoLookFurther() {
        DmarcVerdict dup = check("dup.example.com");
        assertEquals(DmarcResult.NONE, dup.result(), "not example.com's p=reject");
        assertTrue(dup.reason().startsWith("several DMARC records at _dmarc.dup.example.com"), dup.reason());
        assertTrue(check("sub.two.example").reason().startsWith("several DMARC records at _dmarc.two.example"),
                "no DMARC record at the author, several at the organizational domain");
    }

    @ParameterizedTest
    @CsvSource({"servfail.example", "a.org-servfail.example", "slow.example"})
    void aDnsFailureIsTemperrorNeverAPass(String from) {
        DmarcVerdict verdict = dmarc.evaluate(Authors.of(from), Optional.of(spf(SpfResult.PASS, from)), List.of());
        assertEquals(DmarcResult.TEMPERROR, verdict.result(), verdict.reason());
        assertEquals(Policy.NONE, verdict.disposition());
    }

    @Test
    void aPassingMessage() {
        DmarcVerdict verdict = dmarc.evaluate(Authors.of("news.example.com"), Optional.of(spf(SpfResult.FAIL,
                "example.net")), List.of(new DkimCheck("example.com", DkimCheck.Result.PASS, true)));
        assertEquals(DmarcResult.PASS, verdict.result());
        assertEquals(Policy.NONE, verdict.disposition());
        assertEquals(Optional.of("news.example.com"), verdict.author());
        assertEquals(Optional.of(Policy.QUARANTINE), verdict.requested());
    }

    @Test
    void aMessageWithoutExactlyOneFromFieldIsPermerrorAndReject() {
        DkimCheck signed = new DkimCheck("example.com", DkimCheck.Result.PASS, true);
        for (Authors authors : List.of(new Authors(0, List.of()),
                new Authors(2, List.of("example.com", "evil.example")),
                new Authors(2, List.of("example.com", "example.com")), new Authors(1, List.of()),
                new Authors(1, List.of("exa mple.com")), new Authors(1, List.of("example.com", "[192.0.2.1]")))) {
            DmarcVerdict verdict = dmarc.evaluate(authors, Optional.empty(), List.of(signed));
            assertEquals(DmarcResult.PERMERROR, verdict.result(), authors.toString());
            assertEquals(Policy.REJECT, verdict.disposition(), authors.toString());
        }
    }

    @Test
    void severalAuthorsNeverPass() {
        DkimCheck both = new DkimCheck("example.com", DkimCheck.Result.PASS, true);
        DkimCheck other = new DkimCheck("noise.example", DkimCheck.Result.PASS, true);
        DmarcVerdict allPass = dmarc.evaluate(new Authors(1, List.of("example.com", "noise.example")),
                Optional.empty(), List.of(both, other));
        assertEquals(DmarcResult.PERMERROR, allPass.result(), allPass.reason());
        assertEquals(Policy.NONE, allPass.disposition());

        DmarcVerdict oneFails = dmarc.evaluate(new Authors(1, List.of("noise.example", "example.com",
                "own.example.com")), Optional.empty(), List.of(other));
        assertEquals(DmarcResult.FAIL, oneFails.result(), oneFails.reason());
        assertEquals(Policy.REJECT, oneFails.disposition(), "the strictest of the failures");
        assertEquals(Optional.of("example.com"), oneFails.author());
        assertTrue(oneFails.reason().startsWith("3 author domains; example.com: "), oneFails.reason());

        DmarcVerdict onePolicyless = dmarc.evaluate(new Authors(1, List.of("example.com", "nowhere.example")),
                Optional.empty(), List.of(both));
        assertEquals(DmarcResult.NONE, onePolicyless.result(), onePolicyless.reason());
    }

    @Test
    void tooManyAuthorsAreNotLookedUp() {
        int before = fixture.queries();
        List<String> many = IntStream.range(0, Dmarc.MAX_AUTHORS + 1)
                .mapToObj(i -> "d" + i + ".example").toList();
        DmarcVerdict verdict = dmarc.evaluate(new Authors(1, many), Optional.empty(), List.of());
        assertEquals(DmarcResult.PERMERROR, verdict.result());
        assertEquals(before, fixture.queries());
    }

    @Test
    void aNameTooLongForDnsHasNoPolicy() {
        String longest = ("a".repeat(62) + ".").repeat(3) + "b".repeat(53) + ".example";
        assertEquals(DomainName.MAX_LENGTH - 3, longest.length(), "a name, but _dmarc.NAME is too long");
        DmarcVerdict verdict = check(longest);
        assertEquals(DmarcResult.NONE, verdict.result(), verdict.reason());
    }
}
