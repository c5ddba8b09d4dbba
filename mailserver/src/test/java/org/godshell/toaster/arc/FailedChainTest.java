package org.godshell.toaster.arc;

import static org.godshell.toaster.arc.Fixture.NOW;
import static org.godshell.toaster.arc.Fixture.crlf;
import static org.godshell.toaster.arc.Fixture.hop;
import static org.godshell.toaster.arc.Fixture.results;
import static org.godshell.toaster.arc.Fixture.sealer;
import static org.godshell.toaster.arc.Fixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.godshell.toaster.dkim.DkimResult;
import org.godshell.toaster.dkim.HeaderField;
import org.godshell.toaster.dkim.KeyLookup;
import org.godshell.toaster.dkim.Message;
import org.godshell.toaster.dkim.SignatureCheck;
import org.godshell.toaster.dkim.SignatureTags;
import org.godshell.toaster.dkim.TagList;
import org.godshell.toaster.dns.FixtureDns;
import org.junit.jupiter.api.Test;

/**
 * The sealer's choice of cv= and of what its seal covers (RFC 8617 §5.1, §5.1.2): a chain that failed is sealed
 * cv=fail over our set alone, nothing is added after a cv=fail seal, and a verdict that is a temperror or that
 * does not fit the message seals nothing.
 */
class FailedChainTest extends ZoneTest {


    /** A one-hop chain whose body changed afterwards: its newest AMS fails. */
    private static byte[] broken() {
        byte[] once = hop(crlf(Fixture.MESSAGE), sealer("example.org", "arc"), "mx.example.org", verifier);
        return text(once).replace("We lost", "We won").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aFailedChainIsSealedCvFailOverOurSetAlone() throws Exception {
        byte[] broken = broken();
        ChainVerdict incoming = verifier.verify(broken);
        assertEquals(ChainResult.FAIL, incoming.result());
        assertTrue(incoming.reason().contains("body hash"), incoming.reason());
        byte[] sealed = hop(broken, sealer("lists.example.net", "list"), "mx.lists.example.net", verifier);
        assertTrue(text(sealed).startsWith("ARC-Seal: i=2; cv=fail;"), text(sealed));
        assertTrue(text(sealed).contains("\tarc=fail\r\nARC-Seal: i=1"), text(sealed));
        Message message = Message.parse(sealed);
        HeaderField seal = message.fields().get(0);
        SignatureTags tags = SignatureTags.parse(TagList.parse(seal.value(), SignatureTags.MAX_FIELD),
                SignatureTags.Form.ARC_SEAL);
        KeyLookup keys = new KeyLookup(dns.dns(), Duration.ofSeconds(2));
        List<HeaderField> ours = List.of(message.fields().get(2), message.fields().get(1));
        assertEquals(DkimResult.PASS, SignatureCheck.overFields(ours, seal, tags, keys, NOW.instant()).result(),
                "the seal covers our results and message signature, nothing of the failed chain");
        ChainVerdict after = verifier.verify(sealed);
        assertEquals(ChainResult.FAIL, after.result());
        assertTrue(after.reason().contains("cv=fail"), after.reason());
    }

    @Test
    void nothingIsAddedAfterASealThatSaysCvFail() {
        byte[] sealed = hop(broken(), sealer("lists.example.net", "list"), "mx.lists.example.net", verifier);
        ChainVerdict verdict = verifier.verify(sealed);
        Sealing sealing = sealer("example.org", "arc").seal(sealed, "mx.example.org", results("joe@example.com"),
                verdict);
        assertTrue(assertInstanceOf(Sealing.Refused.class, sealing).reason().contains("already says cv=fail"),
                sealing.toString());
    }

    @Test
    void aStructurallyBrokenChainIsSealedAsFailed() {
        byte[] once = hop(crlf(Fixture.MESSAGE), sealer("example.org", "arc"), "mx.example.org", verifier);
        byte[] gap = text(once).replace("i=1;", "i=2;").getBytes(StandardCharsets.UTF_8);
        ChainVerdict incoming = verifier.verify(gap);
        assertEquals(ChainResult.FAIL, incoming.result());
        assertEquals(2, incoming.instances());
        byte[] sealed = hop(gap, sealer("lists.example.net", "list"), "mx.lists.example.net", verifier);
        assertTrue(text(sealed).startsWith("ARC-Seal: i=3; cv=fail;"), text(sealed));
    }

    @Test
    void aTemperrorOrAVerdictOfAnotherMessageSealsNothing() {
        byte[] plain = crlf(Fixture.MESSAGE);
        byte[] once = hop(plain, sealer("example.org", "arc"), "mx.example.org", verifier);
        Sealer sealer = sealer("lists.example.net", "list");
        List<ChainVerdict> wrong = List.of(
                new ChainVerdict(ChainResult.TEMPERROR, "SERVFAIL", 1, 0, List.of()),
                verifier.verify(plain),
                new ChainVerdict(ChainResult.PASS, "verified", 2, 0, List.of()),
                new ChainVerdict(ChainResult.FAIL, "no", 0, 0, List.of()));
        List<String> reasons = List.of("for now", "another message", "another message", "another message");
        for (int i = 0; i < wrong.size(); i++) {
            Sealing sealing = sealer.seal(once, "mx.lists.example.net", results("joe@example.com"), wrong.get(i));
            assertTrue(assertInstanceOf(Sealing.Refused.class, sealing).reason().contains(reasons.get(i)),
                    sealing.toString());
        }
        ChainVerdict passOnNothing = new ChainVerdict(ChainResult.PASS, "verified", 0, 0, List.of());
        assertInstanceOf(Sealing.Refused.class, sealer.seal(plain, "mx", List.of(), passOnNothing));
        ChainVerdict failOnNothing = new ChainVerdict(ChainResult.FAIL, "no", 0, 0, List.of());
        assertInstanceOf(Sealing.Refused.class, sealer.seal(plain, "mx", List.of(), failOnNothing));
        ChainVerdict noneOnAChain = new ChainVerdict(ChainResult.NONE, "none", 1, 0, List.of());
        assertInstanceOf(Sealing.Refused.class, sealer.seal(once, "mx", List.of(), noneOnAChain));
    }
}
