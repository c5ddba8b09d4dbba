package org.godshell.toaster.arc;

import static org.godshell.toaster.arc.Fixture.NOW;
import static org.godshell.toaster.arc.Fixture.RSA;
import static org.godshell.toaster.arc.Fixture.crlf;
import static org.godshell.toaster.arc.Fixture.hop;
import static org.godshell.toaster.arc.Fixture.results;
import static org.godshell.toaster.arc.Fixture.sealer;
import static org.godshell.toaster.arc.Fixture.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.authres.MethodResult;
import org.godshell.toaster.dkim.SigningKey;
import org.junit.jupiter.api.Test;

/**
 * Our sealer and our verifier together: one, two and three hops, a hop that changes the message, the seal's
 * cv= from the verdict given, the 50-set limit, and the output's shape and determinism.
 */
class RoundTripTest extends ZoneTest {


    @Test
    void aMessageWithoutArcHasNoChain() {
        ChainVerdict verdict = verifier.verify(crlf(Fixture.MESSAGE));
        assertEquals(ChainResult.NONE, verdict.result());
        assertEquals(0, verdict.instances());
        assertEquals(List.of(), verdict.hops());
        assertEquals(Optional.empty(), verdict.newest());
        assertEquals("arc", verdict.methodResult().method());
        assertEquals("none", verdict.methodResult().result());
    }

    @Test
    void oneHopIsThreeFieldsOnTopAndPasses() {
        byte[] sealed = hop(crlf(Fixture.MESSAGE), sealer("example.org", "arc"), "mx.example.org", verifier);
        String text = text(sealed);
        assertTrue(text.startsWith("ARC-Seal: i=1; cv=none; a=rsa-sha256; d=example.org; s=arc; t="
                + NOW.instant().getEpochSecond() + ";\r\n b="), text);
        int signature = text.indexOf("\r\nARC-Message-Signature: i=1; a=rsa-sha256; c=relaxed/relaxed; d=example.org;");
        int results = text.indexOf("\r\nARC-Authentication-Results: i=1; mx.example.org;\r\n\tspf=pass");
        assertTrue(signature > 0 && results > signature && text.indexOf("\r\nFrom: ") > results, text);
        assertTrue(text.contains("\tarc=none\r\nFrom: "), "the verdict on arrival is among the results: " + text);
        assertTrue(text.contains(" h=From:From:Subject:Subject:Date:Date:To:To:Message-ID:\r\n Message-ID;"),
                "the AMS oversigns as our DKIM signatures do: " + text);
        ChainVerdict verdict = verifier.verify(sealed);
        assertEquals(ChainResult.PASS, verdict.result(), verdict.reason());
        assertEquals(1, verdict.instances());
        assertEquals(0, verdict.oldestPass());
        assertEquals(List.of(new ChainVerdict.Hop(1, "example.org",
                "mx.example.org; spf=pass smtp.mailfrom=joe@example.com; arc=none")), verdict.hops());
        assertEquals("example.org", verdict.newest().orElseThrow().sealer());
    }

    @Test
    void threeHopsPassAndNameTheirSealers() {
        byte[] message = Fixture.twoHops(verifier);
        message = hop(message, sealer("example.org", "s1"), "mx2.example.org", verifier);
        ChainVerdict verdict = verifier.verify(message);
        assertEquals(ChainResult.PASS, verdict.result(), verdict.reason());
        assertEquals(3, verdict.instances());
        assertEquals(List.of("example.org", "lists.example.net", "example.org"),
                verdict.hops().stream().map(ChainVerdict.Hop::sealer).toList());
        assertTrue(verdict.hops().get(2).results().endsWith("arc=pass header.oldest-pass=0"), verdict.toString());
        String text = text(message);
        assertTrue(text.startsWith("ARC-Seal: i=3; cv=pass;"), text);
        assertTrue(text.contains("ARC-Seal: i=2; cv=pass;") && text.contains("ARC-Seal: i=1; cv=none;"), text);
    }

    @Test
    void aListThatTagsTheSubjectKeepsTheChainAndMovesOldestPass() {
        byte[] once = hop(crlf(Fixture.MESSAGE), sealer("example.org", "arc"), "mx.example.org", verifier);
        byte[] tagged = text(once).replace("Subject: Is dinner", "Subject: [family] Is dinner")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(ChainResult.FAIL, verifier.verify(tagged).result(), "the change breaks the AMS of i=1");
        byte[] twice = hop(once, tagged, sealer("lists.example.net", "list"), "mx.lists.example.net", verifier);
        ChainVerdict verdict = verifier.verify(twice);
        assertEquals(ChainResult.PASS, verdict.result(), verdict.reason());
        assertEquals(2, verdict.oldestPass(), "the AMS of i=1 no longer verifies, that of i=2 does");
        assertEquals(List.of(new MethodResult.Property("header", "oldest-pass", "2")),
                verdict.methodResult().properties());
    }

    @Test
    void theSameMessageAtTheSameSecondSealsTheSame() {
        byte[] message = crlf(Fixture.MESSAGE);
        byte[] first = hop(message, sealer("example.org", "arc"), "mx.example.org", verifier);
        assertArrayEquals(first, hop(message, sealer("example.org", "arc"), "mx.example.org", verifier));
        Sealer later = new Sealer("example.org", List.of(new SigningKey("arc", RSA.getPrivate())),
                Clock.offset(NOW, Duration.ofSeconds(1)));
        assertFalse(text(first).equals(text(hop(message, later, "mx.example.org", verifier))));
    }

    @Test
    void theRsaKeySealsAndADomainWithoutOneIsRefused() {
        SigningKey ed = new SigningKey("ed", Fixture.ED25519.getPrivate());
        SigningKey rsa = new SigningKey("arc", RSA.getPrivate());
        byte[] sealed = hop(crlf(Fixture.MESSAGE), new Sealer("example.org", List.of(ed, rsa), NOW), "mx.example.org",
                verifier);
        assertTrue(text(sealed).startsWith("ARC-Seal: i=1; cv=none; a=rsa-sha256; d=example.org; s=arc;"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Sealer("example.org", List.of(ed), NOW))
                .getMessage().contains("rsa-sha256 only"));
        assertThrows(IllegalArgumentException.class, () -> new Sealer("example..org", List.of(rsa), NOW));
        assertThrows(IllegalArgumentException.class, () -> new Sealer("exa mple.org", List.of(rsa), NOW));
    }

    @Test
    void fiftySetsPassAndNoFiftyFirstIsAdded() {
        byte[] message = crlf(Fixture.MESSAGE);
        Sealer sealer = sealer("example.org", "arc");
        for (int i = 1; i <= Instance.MAX; i++) {
            message = hop(message, sealer, "mx.example.org", verifier);
        }
        ChainVerdict verdict = verifier.verify(message);
        assertEquals(ChainResult.PASS, verdict.result(), verdict.reason());
        assertEquals(50, verdict.instances());
        Sealing sealing = sealer.seal(message, "mx.example.org", results("joe@example.com"), verdict);
        assertTrue(assertInstanceOf(Sealing.Refused.class, sealing).reason().contains("50 sets"), sealing.toString());
    }

    @Test
    void theResultsGivenAreSealedWithTheArcEntryOnce() {
        byte[] message = crlf(Fixture.MESSAGE);
        ChainVerdict incoming = verifier.verify(message);
        List<MethodResult> results = new ArrayList<>(results("joe@example.com"));
        results.add(incoming.methodResult().withReason("no chain yet"));
        Sealing.Sealed sealed = assertInstanceOf(Sealing.Sealed.class,
                sealer("example.org", "arc").seal(message, "mx.example.org", results, incoming));
        assertEquals(1, sealed.instance());
        String aar = sealed.fields().get(2);
        assertEquals(1, aar.split("arc=", -1).length - 1, aar);
        assertTrue(aar.contains("arc=none reason=\"no chain yet\""), aar);
        List<MethodResult> contrary = List.of(new MethodResult("arc", "pass", Optional.empty(), Optional.empty(),
                List.of()));
        Sealing refused = sealer("example.org", "arc").seal(message, "mx.example.org", contrary, incoming);
        assertTrue(assertInstanceOf(Sealing.Refused.class, refused).reason().contains("arc=pass"), refused.toString());
    }

    @Test
    void resultsInUtf8AreSealedAsTheUtf8OctetsSent() {
        byte[] message = crlf(Fixture.MESSAGE);
        ChainVerdict incoming = verifier.verify(message);
        Sealing.Sealed sealed = assertInstanceOf(Sealing.Sealed.class, sealer("example.org", "arc")
                .seal(message, "mx.example.org", results("josé@exämple.com"), incoming));
        byte[] sent = sealed.prependTo(message);
        assertTrue(text(sent).contains("\tspf=pass smtp.mailfrom=\"josé@exämple.com\";\r\n"), text(sent));
        ChainVerdict verdict = verifier.verify(sent);
        assertEquals(ChainResult.PASS, verdict.result(), verdict.reason());
    }

    @Test
    void anUnusableMessageIsNotSealed() {
        ChainVerdict none = verifier.verify(crlf(Fixture.MESSAGE));
        Sealer sealer = sealer("example.org", "arc");
        byte[] twoFrom = crlf("From: a@example.com\n" + Fixture.MESSAGE);
        assertTrue(assertInstanceOf(Sealing.Refused.class, sealer.seal(twoFrom, "mx.example.org", List.of(), none))
                .reason().contains("2 From"));
        byte[] bareLf = ("X-Bad: a\nb\r\n" + text(crlf(Fixture.MESSAGE))).getBytes(StandardCharsets.UTF_8);
        assertTrue(assertInstanceOf(Sealing.Refused.class, sealer.seal(bareLf, "mx.example.org", List.of(), none))
                .reason().contains("malformed"));
    }
}
