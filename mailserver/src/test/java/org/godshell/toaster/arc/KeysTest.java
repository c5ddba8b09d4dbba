package org.godshell.toaster.arc;

import static org.godshell.toaster.arc.Fixture.NOW;
import static org.godshell.toaster.arc.Fixture.RSA;
import static org.godshell.toaster.arc.Fixture.crlf;
import static org.godshell.toaster.arc.Fixture.hop;
import static org.godshell.toaster.arc.Fixture.results;
import static org.godshell.toaster.arc.Fixture.sealer;
import static org.godshell.toaster.arc.Fixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.godshell.toaster.dkim.SigningKey;
import org.godshell.toaster.dns.FixtureDns;
import org.junit.jupiter.api.Test;

/**
 * The keys behind the seals: a DNS failure or timeout is a temperror and never a pass, a key that does not
 * exist or does not fit the algorithm fails the chain, an Ed25519 seal verifies, and no message makes us fetch
 * more than {@link KeyBudget#MAX} keys.
 */
class KeysTest extends ZoneTest {


    private static byte[] sealedWith(String selector) {
        return hop(crlf(Fixture.MESSAGE), sealer("example.org", selector), "mx.example.org", verifier);
    }

    @Test
    void aKeyDnsDoesNotGiveIsATemperrorAndIsNotSealedOver() {
        byte[] sealed = sealedWith("broken");
        ChainVerdict verdict = verifier.verify(sealed);
        assertEquals(ChainResult.TEMPERROR, verdict.result(), verdict.reason());
        assertTrue(verdict.reason().contains("no answer"), verdict.reason());
        Sealing sealing = sealer("lists.example.net", "list").seal(sealed, "mx", results("joe@example.com"), verdict);
        assertInstanceOf(Sealing.Refused.class, sealing);
        ChainVerifier impatient = new ChainVerifier(dns.dns(), Duration.ofMillis(300), NOW);
        assertEquals(ChainResult.TEMPERROR, impatient.verify(sealedWith("slow")).result());
    }

    @Test
    void anOlderSealWhoseKeyDnsDoesNotGiveIsATemperrorToo() {
        byte[] once = sealedWith("broken");
        ChainVerdict claimed = new ChainVerdict(ChainResult.PASS, "verified", 1, 0, List.of());
        Sealing.Sealed sealed = assertInstanceOf(Sealing.Sealed.class,
                sealer("lists.example.net", "list").seal(once, "mx", results("joe@example.com"), claimed));
        ChainVerdict verdict = verifier.verify(sealed.prependTo(once));
        assertEquals(ChainResult.TEMPERROR, verdict.result());
        assertTrue(verdict.reason().startsWith("the ARC-Seal of instance 1: "), verdict.reason());
    }

    @Test
    void aKeyThatDoesNotExistOrDoesNotFitFailsTheChain() {
        ChainVerdict missing = verifier.verify(sealedWith("missing"));
        assertEquals(ChainResult.FAIL, missing.result());
        assertTrue(missing.reason().contains("does not exist"), missing.reason());
        byte[] rsaUnderAnEd25519Record = hop(crlf(Fixture.MESSAGE),
                new Sealer("example.org", List.of(new SigningKey("ed", RSA.getPrivate())), NOW), "mx", verifier);
        ChainVerdict misfit = verifier.verify(rsaUnderAnEd25519Record);
        assertEquals(ChainResult.FAIL, misfit.result());
        assertTrue(misfit.reason().contains("k=ed25519 but the signature a=rsa-sha256"), misfit.reason());
    }

    @Test
    void anEd25519SealVerifies() {
        Sealer ed = new Sealer("example.org", new SigningKey("ed", Fixture.ED25519.getPrivate()), NOW);
        byte[] sealed = hop(crlf(Fixture.MESSAGE), ed, "mx.example.org", verifier);
        assertTrue(text(sealed).startsWith("ARC-Seal: i=1; cv=none; a=ed25519-sha256;"), text(sealed));
        ChainVerdict verdict = verifier.verify(sealed);
        assertEquals(ChainResult.PASS, verdict.result(), verdict.reason());
    }

    @Test
    void tenKeysAreFetchedAndAnEleventhIsNot() {
        byte[] message = crlf(Fixture.MESSAGE);
        for (int i = 1; i <= KeyBudget.MAX; i++) {
            message = hop(message, sealer("example.org", "s" + i), "mx.example.org", verifier);
        }
        ChainVerdict ten = verifier.verify(message);
        assertEquals(ChainResult.PASS, ten.result(), ten.reason());
        message = hop(message, sealer("example.org", "s" + (KeyBudget.MAX + 1)), "mx.example.org", verifier);
        int before = dns.queries();
        ChainVerdict eleven = verifier.verify(message);
        assertEquals(ChainResult.FAIL, eleven.result());
        assertTrue(eleven.reason().startsWith("the ARC-Seal of instance 1: not verified: the chain names more than 10"),
                eleven.reason());
        assertEquals(KeyBudget.MAX, dns.queries() - before);
    }
}
