package org.godshell.toaster.dane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.godshell.toaster.dns.SignedFixtureDns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Type;

/** Each state of a validated answer, from a signed zone on loopback whose own key is the only trust anchor. */
class SecureDnsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static SignedFixtureDns zone;
    private static SecureDns dns;

    @BeforeAll
    static void start() throws Exception {
        zone = new SignedFixtureDns("signed.test.")
                .mx("signed.test.", 10, "mx.signed.test.")
                .a("mx.signed.test.", "127.0.0.1")
                .cname("alias.signed.test.", "mx.signed.test.")
                .a("forged.signed.test.", "127.0.0.2")
                .forge("forged.signed.test.", Type.A)
                .silent("slow.signed.test.")
                .mx("plain.test.", 10, "mx.plain.test.");
        dns = SignedZones.secureDns(zone);
    }

    @AfterAll
    static void stop() throws Exception {
        zone.close();
    }

    @Test
    void signedRecordsAreSecure() {
        SecureAnswer.Secure mx = assertInstanceOf(SecureAnswer.Secure.class,
                dns.query("signed.test", Type.MX, TIMEOUT));
        assertEquals("mx.signed.test.", ((MXRecord) mx.records().get(0)).getTarget().toString());
        assertEquals("signed.test", mx.name());
    }

    @Test
    void aCnameChainGivesTheExpandedName() {
        SecureAnswer.Secure a = assertInstanceOf(SecureAnswer.Secure.class,
                dns.query("alias.signed.test", Type.A, TIMEOUT));
        assertEquals("mx.signed.test", a.name());
    }

    @Test
    void aMissingNameIsASecureNxdomain() {
        assertEquals(new SecureAnswer.SecureDenial(true), dns.query("nothing.signed.test", Type.A, TIMEOUT));
    }

    @Test
    void aMissingTypeIsASecureNodata() {
        assertEquals(new SecureAnswer.SecureDenial(false), dns.query("mx.signed.test", Type.TLSA, TIMEOUT));
    }

    @Test
    void aBadSignatureIsBogusWithTheValidatorsReason() {
        SecureAnswer.Bogus bogus = assertInstanceOf(SecureAnswer.Bogus.class,
                dns.query("forged.signed.test", Type.A, TIMEOUT));
        assertTrue(!bogus.reason().isBlank(), bogus.reason());
    }

    @Test
    void aZoneUnderNoTrustAnchorIsInsecure() {
        SecureAnswer.Insecure insecure = assertInstanceOf(SecureAnswer.Insecure.class,
                dns.query("plain.test", Type.MX, TIMEOUT));
        assertEquals(1, insecure.records().size());
    }

    @Test
    void aServerThatNeverAnswersIsTemporary() {
        assertInstanceOf(SecureAnswer.Temporary.class, dns.query("slow.signed.test", Type.A, Duration.ofSeconds(1)));
    }

    @Test
    void noServerListeningIsTemporary() throws Exception {
        SecureDns nowhere;
        try (SignedFixtureDns closed = new SignedFixtureDns("signed.test.")) {
            nowhere = SecureDns.using(List.of(closed.address()), SignedZones.anchorsOf(closed));
        }
        assertInstanceOf(SecureAnswer.Temporary.class, nowhere.query("signed.test", Type.MX, Duration.ofSeconds(1)));
    }

    /**
     * With the root anchors, a nameserver that gives no signed root keys (as one that strips DNSSEC records)
     * leaves every answer bogus, never insecure: a stripped signature must not pass for an unsigned zone.
     */
    @Test
    void aNameserverWithoutTheRootKeysMakesEveryAnswerBogus() {
        SecureDns rooted = SecureDns.using(List.of(zone.address()), TrustAnchors.root());
        assertInstanceOf(SecureAnswer.Bogus.class, rooted.query("plain.test", Type.MX, TIMEOUT));
    }
}
