package org.godshell.toaster.dane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.util.List;
import org.godshell.toaster.dns.SignedFixtureDns;
import org.godshell.toaster.tlsrpt.ResultType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** RFC 7672 §2.2 verdicts for MX hosts of a signed zone on loopback, and of an unsigned one. */
class DaneLookupTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final byte[] DIGEST = new byte[32];
    private static SignedFixtureDns zone;
    private static DaneLookup dane;

    @BeforeAll
    static void start() throws Exception {
        DIGEST[0] = 7;
        zone = new SignedFixtureDns("signed.test.");
        for (String host : List.of("ee", "unusable", "forged", "none", "slow", "alias", "bogus-a", "empty", "garbled")) {
            zone.mx("signed.test.", 10, host + ".signed.test.");
        }
        zone.a("ee.signed.test.", "127.0.0.1").tlsa("_25._tcp.ee.signed.test.", 3, 1, 1, DIGEST)
                .a("unusable.signed.test.", "127.0.0.1")
                .tlsa("_25._tcp.unusable.signed.test.", 1, 1, 1, DIGEST)
                .tlsa("_25._tcp.unusable.signed.test.", 0, 0, 1, DIGEST)
                .tlsa("_25._tcp.unusable.signed.test.", 3, 1, 1, new byte[31])
                .tlsa("_25._tcp.unusable.signed.test.", 3, 2, 1, DIGEST)
                .a("forged.signed.test.", "127.0.0.1").tlsa("_25._tcp.forged.signed.test.", 3, 1, 1, DIGEST)
                .forge("_25._tcp.forged.signed.test.", Type.TLSA)
                .a("none.signed.test.", "127.0.0.1")
                .a("slow.signed.test.", "127.0.0.1").silent("_25._tcp.slow.signed.test.")
                .cname("alias.signed.test.", "ee.signed.test.")
                .a("bogus-a.signed.test.", "127.0.0.1").forge("bogus-a.signed.test.", Type.A)
                .mx("forgedmx.signed.test.", 10, "ee.signed.test.").forge("forgedmx.signed.test.", Type.MX)
                .a("nomx.signed.test.", "127.0.0.1").tlsa("_25._tcp.nomx.signed.test.", 3, 1, 1, DIGEST)
                .a("empty.signed.test.", "127.0.0.1").tlsa("_25._tcp.empty.signed.test.", 3, 1, 1, new byte[1])
                .a("garbled.signed.test.", "127.0.0.1").tlsa("_25._tcp.garbled.signed.test.", 3, 1, 1, DIGEST)
                .garble("_25._tcp.garbled.signed.test.")
                .mx("plain.test.", 10, "mx.plain.test.").a("mx.plain.test.", "127.0.0.1")
                .tlsa("_25._tcp.mx.plain.test.", 3, 1, 1, DIGEST);
        dane = new DaneLookup(SignedZones.secureDns(zone));
    }

    @AfterAll
    static void stop() throws Exception {
        zone.close();
    }

    @Test
    void aSecureUsableRecordAsksForAuthentication() {
        DaneVerdict.Authenticate verdict = assertInstanceOf(DaneVerdict.Authenticate.class,
                dane.forMx("signed.test", "ee.signed.test", 25, TIMEOUT));
        assertEquals(List.of(new Tlsa(3, 1, 1, DIGEST)), verdict.records());
        assertEquals(List.of("ee.signed.test", "signed.test"), verdict.referenceNames());
    }

    @Test
    void aCnameMxHostUsesTheExpandedNameFirstAndKeepsTheOriginalAsAReference() {
        DaneVerdict.Authenticate verdict = assertInstanceOf(DaneVerdict.Authenticate.class,
                dane.forMx("signed.test", "alias.signed.test", 25, TIMEOUT));
        assertEquals(List.of("ee.signed.test", "alias.signed.test", "signed.test"), verdict.referenceNames());
        assertEquals("ee.signed.test", verdict.serverName());
    }

    @Test
    void onlyUnusableRecordsStillMakeTlsMandatory() {
        assertInstanceOf(DaneVerdict.EncryptOnly.class, dane.forMx("signed.test", "unusable.signed.test", 25, TIMEOUT));
    }

    @Test
    void aTlsaDigestCutShortIsUnusable() {
        assertInstanceOf(DaneVerdict.EncryptOnly.class, dane.forMx("signed.test", "empty.signed.test", 25, TIMEOUT));
    }

    @Test
    void aMalformedAnswerMeansTheHostMustNotBeUsed() {
        assertInstanceOf(DaneVerdict.DoNotUse.class, dane.forMx("signed.test", "garbled.signed.test", 25, TIMEOUT));
    }

    @Test
    void aForgedTlsaSignatureMeansTheHostMustNotBeUsed() {
        DaneVerdict.DoNotUse verdict = assertInstanceOf(DaneVerdict.DoNotUse.class,
                dane.forMx("signed.test", "forged.signed.test", 25, TIMEOUT));
        assertEquals(ResultType.DNSSEC_INVALID, verdict.result());
    }

    @Test
    void aForgedAddressSignatureMeansTheHostMustNotBeUsed() {
        assertInstanceOf(DaneVerdict.DoNotUse.class, dane.forMx("signed.test", "bogus-a.signed.test", 25, TIMEOUT));
    }

    @Test
    void aForgedMxSignatureMeansNoHostOfTheDomainMayBeUsed() {
        assertInstanceOf(DaneVerdict.DoNotUse.class, dane.forMx("forgedmx.signed.test", "ee.signed.test", 25, TIMEOUT));
    }

    @Test
    void aProvenAbsenceOfTlsaMeansDaneDoesNotApply() {
        assertInstanceOf(DaneVerdict.SecureNoTlsa.class, dane.forMx("signed.test", "none.signed.test", 25, TIMEOUT));
    }

    @Test
    void anUnsignedDomainFallsBackToTheOtherRules() {
        assertInstanceOf(DaneVerdict.Insecure.class, dane.forMx("plain.test", "mx.plain.test", 25, TIMEOUT));
    }

    @Test
    void noAnswerForTheTlsaRecordsMeansTheHostMustNotBeUsed() {
        assertInstanceOf(DaneVerdict.DoNotUse.class,
                dane.forMx("signed.test", "slow.signed.test", 25, Duration.ofSeconds(2)));
    }

    @Test
    void aHostThatIsNotAmongTheValidatedMxHostsIsNotUsed() {
        assertInstanceOf(DaneVerdict.DoNotUse.class, dane.forMx("signed.test", "nomx.signed.test", 25, TIMEOUT));
    }

    @Test
    void aDomainWithoutMxIsItsOwnExchangerWhenThatIsProven() {
        assertInstanceOf(DaneVerdict.Authenticate.class, dane.forMx("nomx.signed.test", "nomx.signed.test", 25, TIMEOUT));
    }

    @Test
    void aRouteHostIsCheckedWithoutMxRecordsAndThePortIsPartOfTheName() {
        assertInstanceOf(DaneVerdict.Authenticate.class, dane.forHost("ee.signed.test", 25, TIMEOUT));
        assertInstanceOf(DaneVerdict.SecureNoTlsa.class, dane.forHost("ee.signed.test", 587, TIMEOUT));
    }
}
