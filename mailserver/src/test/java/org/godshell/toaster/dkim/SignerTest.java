package org.godshell.toaster.dkim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.godshell.toaster.dns.FixtureDns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The toaster's signatures: what they sign, their form, their determinism, and what breaks them. */
class SignerTest {

    static final Clock NOW = Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);
    static final String MESSAGE = """
            From: Joe <joe@example.org>
            To: Suzie <suzie@example.net>
            Cc: Ann <ann@example.net>
            Subject: Is dinner
             ready?
            Date: Sun, 6 Dec 2026 12:00:00 +0000
            Message-ID: <1@example.org>
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8
            List-Id: <dinner.example.org>
            Received: from somewhere

            Hi.

            We lost the game.\t Are you hungry yet?

            """;

    private static FixtureDns dns;
    private static Signer signer;

    @BeforeAll
    static void keys() throws Exception {
        dns = new FixtureDns()
                .txt("r2026._domainkey.example.org.", PublishedKey.txtStrings(HandSigner.RSA.getPublic()).toArray(String[]::new))
                .txt("e2026._domainkey.example.org.", PublishedKey.txt(HandSigner.ED25519.getPublic()));
        signer = new Signer("example.org", List.of(new SigningKey("r2026", HandSigner.RSA.getPrivate()),
                new SigningKey("e2026", HandSigner.ED25519.getPrivate())), NOW);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        dns.close();
    }

    @Test
    void signsWithRsaAndEd25519BothVerifying() {
        Signing.Signed signed = assertInstanceOf(Signing.Signed.class, signer.sign(Rfc.crlf(MESSAGE)));
        assertEquals(2, signed.fields().size());
        assertTrue(signed.fields().get(0).contains(" a=rsa-sha256;"));
        assertTrue(signed.fields().get(1).contains(" a=ed25519-sha256;"));
        for (String field : signed.fields()) {
            String unfolded = field.replace("\r\n ", " ");
            assertTrue(unfolded.startsWith("DKIM-Signature: v=1; a="), field);
            assertTrue(unfolded.contains(" c=relaxed/relaxed; d=example.org; s="), field);
            assertTrue(unfolded.contains(" t=" + NOW.instant().getEpochSecond() + ";"), field);
            assertFalse(unfolded.contains(" l="), field);
            assertEquals("From:From:Subject:Subject:Date:Date:To:To:Cc:Cc:Message-ID:Message-ID:MIME-Version:"
                    + "MIME-Version:Content-Type:Content-Type:List-Id", tag(unfolded, "h").replace(" ", ""));
        }
        List<DkimVerdict> verdicts = verify(signed.prependTo(Rfc.crlf(MESSAGE)));
        assertEquals(List.of(DkimResult.PASS, DkimResult.PASS), verdicts.stream().map(DkimVerdict::result).toList());
        assertEquals(List.of("r2026", "e2026"), verdicts.stream().map(DkimVerdict::selector).toList());
    }

    @Test
    void theSameMessageAtTheSameSecondSignsTheSame() {
        Signing first = signer.sign(Rfc.crlf(MESSAGE));
        assertEquals(first, signer.sign(Rfc.crlf(MESSAGE)));
        Signer later = new Signer("example.org", List.of(new SigningKey("e2026", HandSigner.ED25519.getPrivate())),
                Clock.offset(NOW, Duration.ofSeconds(1)));
        assertNotEquals(((Signing.Signed) first).fields().get(1), ((Signing.Signed) later.sign(Rfc.crlf(MESSAGE)))
                .fields().getFirst());
    }

    @Test
    void linesAreFoldedWithin78Characters() {
        for (String field : ((Signing.Signed) signer.sign(Rfc.crlf(MESSAGE))).fields()) {
            assertTrue(field.endsWith("\r\n"));
            String[] lines = field.substring(0, field.length() - 2).split("\r\n", -1);
            for (int i = 0; i < lines.length; i++) {
                assertTrue(lines[i].length() <= 78, lines[i]);
                assertTrue(i == 0 || lines[i].startsWith(" "), lines[i]);
                assertFalse(lines[i].isBlank(), field);
            }
        }
    }

    @Test
    void anAddedCopyOfASignedFieldBreaksTheSignature() {
        byte[] signed = ((Signing.Signed) signer.sign(Rfc.crlf(MESSAGE))).prependTo(Rfc.crlf(MESSAGE));
        for (String added : List.of("From: Evil <ceo@example.org>\n", "Subject: Pay this invoice\n",
                "To: victim@example.net\n", "Content-Type: text/html\n", "Date: Mon, 7 Dec 2026 00:00:00 +0000\n")) {
            assertEquals(List.of(DkimResult.FAIL, DkimResult.FAIL), results(HandSigner.prepend(added, signed)), added);
        }
        byte[] appended = HandSigner.concat(signed, Rfc.crlf("P.S. send money\n"));
        assertEquals(List.of(DkimResult.FAIL, DkimResult.FAIL), results(appended));
    }

    @Test
    void whatOthersMayAddStillVerifies() {
        byte[] signed = ((Signing.Signed) signer.sign(Rfc.crlf(MESSAGE))).prependTo(Rfc.crlf(MESSAGE));
        byte[] relayed = HandSigner.prepend("Received: from relay\nList-Id: <other.example.net>\n"
                + "Reply-To: list@example.net\n", signed);
        assertEquals(List.of(DkimResult.PASS, DkimResult.PASS), results(relayed));
        String refolded = new String(signed, java.nio.charset.StandardCharsets.ISO_8859_1)
                .replace("Subject: Is dinner\r\n ready?", "Subject:   Is\r\n\tdinner ready?  ");
        assertEquals(List.of(DkimResult.PASS, DkimResult.PASS),
                results(refolded.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)), "relaxed/relaxed");
    }

    @Test
    void refusesMessagesItCannotSignHonestly() {
        assertRefused("no From", "To: a@example.net\n\nbody\n", "0 From");
        assertRefused("two From", "From: a@example.org\nFrom: b@example.org\n\nbody\n", "2 From");
        assertRefused("a bare LF", "From: a@example.org\nTo: b\n\nbody\n".replace("\n", "\r\n").replace("To: b\r", "To: b"),
                "malformed");
    }

    @Test
    void refusesBadSettings() throws Exception {
        KeyPairGenerator small = KeyPairGenerator.getInstance("RSA");
        small.initialize(512);
        assertThrows(IllegalArgumentException.class, () -> new SigningKey("s", small.generateKeyPair().getPrivate()));
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        assertThrows(IllegalArgumentException.class, () -> new SigningKey("s", ec.generateKeyPair().getPrivate()));
        assertThrows(IllegalArgumentException.class, () -> new SigningKey("bad selector", HandSigner.ED25519.getPrivate()));
        SigningKey key = new SigningKey("s", HandSigner.ED25519.getPrivate());
        assertThrows(IllegalArgumentException.class, () -> new Signer("example..org", List.of(key), NOW));
        assertThrows(IllegalArgumentException.class, () -> new Signer("example.org;x=1", List.of(key), NOW));
        assertThrows(IllegalArgumentException.class, () -> new Signer("example.org", List.of(), NOW));
    }

    private static void assertRefused(String why, String text, String words) {
        byte[] message = text.contains("\r\n") ? text.getBytes(java.nio.charset.StandardCharsets.US_ASCII)
                : Rfc.crlf(text);
        Signing.Refused refused = assertInstanceOf(Signing.Refused.class, signer.sign(message), why);
        assertTrue(refused.reason().contains(words), refused.reason());
    }

    private static List<DkimVerdict> verify(byte[] message) {
        return new Verifier(dns.dns(), Duration.ofSeconds(2), NOW).verify(message);
    }

    private static List<DkimResult> results(byte[] message) {
        return verify(message).stream().map(DkimVerdict::result).toList();
    }

    private static String tag(String field, String name) {
        Matcher m = Pattern.compile("[ ;]" + name + "=([^;]*);").matcher(field);
        assertTrue(m.find(), field);
        return m.group(1);
    }

    @Test
    void prependToPutsTheFieldsAboveTheMessage() {
        Signing.Signed signed = new Signing.Signed(List.of("A: 1\r\n", "B: 2\r\n"));
        assertArrayEquals(Rfc.crlf("A: 1\nB: 2\nC: 3\n"), signed.prependTo(Rfc.crlf("C: 3\n")));
    }
}
