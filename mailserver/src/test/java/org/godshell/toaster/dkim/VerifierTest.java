package org.godshell.toaster.dkim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.godshell.toaster.dns.FixtureDns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The verifier against hostile and broken input: forged bodies and headers, l= abuse, added From fields,
 * signatures over absent fields, expiry, identities outside the domain, refused algorithms, every kind of key
 * lookup failure, and more signatures than it verifies. Keys come from a fixture DNS server on loopback.
 */
class VerifierTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);
    private static final String BODY_MESSAGE = """
            From: Joe <joe@example.org>
            To: Suzie <suzie@example.net>
            Subject: Is dinner ready?
            Date: Sun, 6 Dec 2026 12:00:00 +0000

            Hi.

            We lost the game.
            """;
    private static final String RSA_TAGS = "v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.org; s=rsa;";
    private static final String ED_TAGS = "v=1; a=ed25519-sha256; c=relaxed/relaxed; d=example.org; s=ed;";

    private static FixtureDns dns;

    @BeforeAll
    static void zone() throws Exception {
        String ed = PublishedKey.txt(HandSigner.ED25519.getPublic());
        dns = new FixtureDns()
                .txt("rsa._domainkey.example.org.", PublishedKey.txtStrings(HandSigner.RSA.getPublic()).toArray(String[]::new))
                .txt("ed._domainkey.example.org.", ed)
                .txt("testing._domainkey.example.org.", ed + "; t=y")
                .txt("strict._domainkey.example.org.", ed + "; t=s")
                .txt("revoked._domainkey.example.org.", "v=DKIM1; k=ed25519; p=")
                .txt("garbage._domainkey.example.org.", "v=DKIM1; k=ed25519; p=; p=")
                .txt("huge._domainkey.example.org.", HandSigner.strings("v=DKIM1; k=rsa; p=" + KeyRecordTest.rsaOfBits(4608)))
                .txt("twice._domainkey.example.org.", ed).txt("twice._domainkey.example.org.", ed)
                .txt("ed._domainkey.other.example.", ed)
                .servfail("broken._domainkey.example.org.").silent("slow._domainkey.example.org.");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        dns.close();
    }

    @Test
    void anUnsignedMessageHasNoVerdict() {
        assertEquals(List.of(), verify(Rfc.crlf(BODY_MESSAGE)));
    }

    @Test
    void aGoodSignaturePassesAndAForgedOneFails() throws Exception {
        byte[] signed = sign(ED_TAGS + " h=From:To:Subject:Date;", HandSigner.ED25519.getPrivate());
        DkimVerdict pass = verify(signed).getFirst();
        assertEquals(DkimResult.PASS, pass.result());
        assertEquals("@example.org", pass.identity());
        assertEquals(8, pass.headerB().length());
        String text = new String(signed, StandardCharsets.ISO_8859_1);
        assertVerdict(DkimResult.FAIL, "body hash", bytes(text.replace("We lost", "We won")));
        assertVerdict(DkimResult.FAIL, "signature did not verify", bytes(text.replace("Is dinner", "Is lunch")));
    }

    @Test
    void aBrokenSignatureNeverHidesAGoodOne() throws Exception {
        byte[] good = sign(RSA_TAGS + " h=From:Subject;", HandSigner.RSA.getPrivate());
        byte[] forged = HandSigner.prepend("DKIM-Signature: v=1; a=rsa-sha256; d=example.org; s=rsa; h=From;"
                + " bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=; b=AAAA\n", good);
        byte[] garbage = HandSigner.prepend("DKIM-Signature: v=1; a=; ;;\nDKIM-Signature: \u00ff\n", forged);
        assertEquals(List.of(DkimResult.PERMERROR, DkimResult.PERMERROR, DkimResult.FAIL, DkimResult.PASS),
                results(garbage));
    }

    @Test
    void lengthLimitedSignaturesVouchOnlyForWhatTheySigned() throws Exception {
        int body = "Hi.\r\n\r\nWe lost the game.\r\n".length();
        byte[] signed = sign(ED_TAGS + " l=" + body + "; h=From:Subject;", HandSigner.ED25519.getPrivate());
        DkimVerdict whole = verify(signed).getFirst();
        assertEquals(DkimResult.PASS, whole.result());
        assertFalse(whole.bodyPartial());
        byte[] appended = HandSigner.concat(signed, Rfc.crlf("\nClick https://evil.example/ to pay.\n"));
        DkimVerdict partial = verify(appended).getFirst();
        assertEquals(DkimResult.POLICY, partial.result(), partial.reason());
        assertTrue(partial.bodyPartial());
        byte[] cut = bytes(new String(signed, StandardCharsets.ISO_8859_1).replace("We lost the game.\r\n", ""));
        assertVerdict(DkimResult.FAIL, "shorter", cut);
    }

    @Test
    void signaturesOverAbsentFieldsForbidAddingThem() throws Exception {
        byte[] signed = sign(ED_TAGS + " h=From:Subject:Reply-To:Sender;", HandSigner.ED25519.getPrivate());
        assertEquals(List.of(DkimResult.PASS), results(signed));
        assertEquals(List.of(DkimResult.FAIL), results(HandSigner.prepend("Reply-To: evil@example.com\n", signed)));
    }

    @Test
    void anAddedFromFieldIsNeverAPass() throws Exception {
        byte[] once = sign(ED_TAGS + " h=From:Subject;", HandSigner.ED25519.getPrivate());
        DkimVerdict verdict = verify(HandSigner.prepend("From: CEO <ceo@example.org>\n", once)).getFirst();
        assertEquals(DkimResult.POLICY, verdict.result(), "the bottom From is signed, the top one is not");
        assertTrue(verdict.reason().contains("2 From fields"), verdict.reason());
        byte[] oversigned = sign(ED_TAGS + " h=From:From:Subject;", HandSigner.ED25519.getPrivate());
        assertEquals(List.of(DkimResult.FAIL), results(HandSigner.prepend("From: CEO <ceo@example.org>\n", oversigned)));
        byte[] fromBelow = HandSigner.concat(Rfc.crlf("From: CEO <ceo@example.org>\n"), Rfc.crlf(BODY_MESSAGE));
        assertEquals(DkimResult.POLICY, verify(HandSigner.sign(fromBelow, ED_TAGS + " h=From:Subject;",
                HandSigner.ED25519.getPrivate())).getFirst().result(), "two From when signed: still one unsigned");
    }

    @Test
    void aDuplicateOfAFieldSignedOnceIsTheRfcsChoice() throws Exception {
        byte[] signed = sign(ED_TAGS + " h=From:Subject;", HandSigner.ED25519.getPrivate());
        assertEquals(List.of(DkimResult.PASS), results(HandSigner.prepend("Subject: other\n", signed)),
                "§5.4.2: the bottom-most Subject is the signed one; oversigning (the toaster's signer) forbids this");
    }

    @Test
    void expiryAndTimestamps() throws Exception {
        long now = NOW.instant().getEpochSecond();
        PrivateKey key = HandSigner.ED25519.getPrivate();
        assertEquals(List.of(DkimResult.PASS), results(sign(ED_TAGS + " t=" + (now - 60) + "; x=" + (now + 60)
                + "; h=From;", key)));
        assertVerdict(DkimResult.PERMERROR, "expired", sign(ED_TAGS + " t=" + (now - 60) + "; x=" + (now - 1)
                + "; h=From;", key));
        assertVerdict(DkimResult.PERMERROR, "x= is not after t=", sign(ED_TAGS + " t=" + now + "; x=" + now
                + "; h=From;", key));
        assertVerdict(DkimResult.PERMERROR, "t=", sign(ED_TAGS + " t=1234567890123; h=From;", key));
    }

    @Test
    void identitiesAndDomains() throws Exception {
        PrivateKey key = HandSigner.ED25519.getPrivate();
        assertEquals(List.of(DkimResult.PASS), results(sign(ED_TAGS + " i=joe@mail.example.org; h=From;", key)));
        assertVerdict(DkimResult.PERMERROR, "is not in d=", sign(ED_TAGS + " i=joe@example.com; h=From;", key));
        assertVerdict(DkimResult.PERMERROR, "is not in d=", sign(ED_TAGS + " i=joe@badexample.org; h=From;", key));
        assertVerdict(DkimResult.PERMERROR, "t=s", sign("v=1; a=ed25519-sha256; d=example.org; s=strict;"
                + " i=@mail.example.org; h=From;", key));
        DkimVerdict other = verify(sign("v=1; a=ed25519-sha256; d=other.example; s=ed; h=From;", key)).getFirst();
        assertEquals(DkimResult.PASS, other.result(), "a d= unlike From's domain is DMARC's matter, not DKIM's");
        assertEquals("other.example", other.domain());
    }

    @Test
    void malformedSignatures() throws Exception {
        PrivateKey key = HandSigner.ED25519.getPrivate();
        assertVerdict(DkimResult.PERMERROR, "does not sign From", sign(ED_TAGS + " h=To:Subject;", key));
        assertVerdict(DkimResult.PERMERROR, "rsa-sha1", sign("v=1; a=rsa-sha1; d=example.org; s=rsa; h=From;",
                HandSigner.RSA.getPrivate()));
        assertVerdict(DkimResult.PERMERROR, "k=rsa but the signature a=ed25519",
                sign("v=1; a=ed25519-sha256; d=example.org; s=rsa; h=From;", key));
        assertVerdict(DkimResult.PERMERROR, "version", sign("v=2; a=ed25519-sha256; d=example.org; s=ed; h=From;", key));
        assertVerdict(DkimResult.PERMERROR, "no d=", HandSigner.prepend("DKIM-Signature: v=1; a=rsa-sha256; s=x; "
                + "h=From; bh=AAAA; b=AAAA\n", Rfc.crlf(BODY_MESSAGE)));
        assertVerdict(DkimResult.PERMERROR, "dns/txt", sign(ED_TAGS + " q=http; h=From;", key));
        assertVerdict(DkimResult.PERMERROR, "canonicalization", sign("v=1; a=ed25519-sha256; c=loose; d=example.org;"
                + " s=ed; h=From;", key));
        assertVerdict(DkimResult.PERMERROR, "domain name", sign("v=1; a=ed25519-sha256; d=example.org.evil..; s=ed;"
                + " h=From;", key));
        assertVerdict(DkimResult.PERMERROR, "appears twice", HandSigner.prepend("DKIM-Signature: v=1; a=ed25519-sha256;"
                + " d=example.org; s=ed; d=evil.example; h=From; bh=AA==; b=AA==\n", Rfc.crlf(BODY_MESSAGE)));
    }

    @Test
    void keyLookupFailures() throws Exception {
        PrivateKey key = HandSigner.ED25519.getPrivate();
        assertVerdict(DkimResult.TEMPERROR, "SERVFAIL", sign(tags("broken") + " h=From;", key));
        assertVerdict(DkimResult.TEMPERROR, "no answer", sign(tags("slow") + " h=From;", key));
        assertVerdict(DkimResult.PERMERROR, "does not exist", sign(tags("absent") + " h=From;", key));
        assertVerdict(DkimResult.PERMERROR, "revoked", sign(tags("revoked") + " h=From;", key));
        assertVerdict(DkimResult.PERMERROR, "twice", sign(tags("garbage") + " h=From;", key));
        assertVerdict(DkimResult.PERMERROR, "2 TXT records", sign(tags("twice") + " h=From;", key));
        assertVerdict(DkimResult.PERMERROR, "4608 bits", sign("v=1; a=rsa-sha256; d=example.org; s=huge; h=From;",
                HandSigner.RSA.getPrivate()));
        DkimVerdict testing = verify(sign(tags("testing") + " h=From;", key)).getFirst();
        assertEquals(DkimResult.PASS, testing.result());
        assertTrue(testing.testing());
    }

    @Test
    void foldedSignatureFieldsAndFoldedSignedFields() throws Exception {
        PrivateKey key = HandSigner.ED25519.getPrivate();
        byte[] signed = sign("v=1;\r\n\ta=ed25519-sha256;  c=relaxed/simple;\r\n d = example.org ; s=ed;\r\n"
                + " h = From :\r\n\tSubject ;", key);
        assertEquals(List.of(DkimResult.PASS), results(signed));
        String text = new String(signed, StandardCharsets.ISO_8859_1);
        assertEquals(List.of(DkimResult.PASS), results(bytes(text.replace("Subject: Is dinner ready?",
                "SUBJECT :  Is dinner\r\n  ready?"))), "relaxed header canonicalization");
        byte[] simple = sign("v=1; a=ed25519-sha256; c=simple/simple; d=example.org; s=ed; h=From:Subject;", key);
        String simpleText = new String(simple, StandardCharsets.ISO_8859_1);
        assertEquals(List.of(DkimResult.FAIL), results(bytes(simpleText.replace("Subject: Is dinner ready?",
                "Subject: Is dinner\r\n ready?"))), "simple keeps every octet");
        assertEquals(List.of(DkimResult.FAIL), results(bytes(simpleText.replace("We lost the game.",
                "We lost the game. "))), "simple body: a trailing space counts");
    }

    @Test
    void onlyTheFirstTenSignaturesAreVerified() throws Exception {
        byte[] message = Rfc.crlf(BODY_MESSAGE);
        for (int i = 0; i < 12; i++) {
            message = HandSigner.sign(message, ED_TAGS + " h=From;", HandSigner.ED25519.getPrivate());
        }
        for (int i = 0; i < 15; i++) {
            message = HandSigner.prepend("DKIM-Signature: v=1; a=rsa-sha256; d=example.org; s=x; h=To; bh=AA==;"
                    + " b=AA==\n", message);
        }
        List<DkimResult> results = results(message);
        List<DkimResult> expected = new ArrayList<>();
        expected.addAll(java.util.Collections.nCopies(15, DkimResult.PERMERROR));
        expected.addAll(java.util.Collections.nCopies(Verifier.MAX_SIGNATURES, DkimResult.PASS));
        expected.addAll(java.util.Collections.nCopies(2, DkimResult.NEUTRAL));
        assertEquals(expected, results, "unparsable signatures do not use up the ten");
    }

    @Test
    void anUnreadableMessageIsOnePermerror() {
        List<DkimVerdict> verdicts = verify(bytes("DKIM-Signature: v=1\nFrom: a@b\r\n\r\n"));
        assertEquals(1, verdicts.size());
        assertEquals(DkimResult.PERMERROR, verdicts.getFirst().result());
        assertTrue(verdicts.getFirst().reason().contains("bare LF"), verdicts.getFirst().reason());
    }

    @Test
    void headerBIsLongEnoughToTellSignaturesApart() {
        assertEquals(List.of("abcdefgh1x", "abcdefgh2", "zz", "xyzxyzxy", "abcdefgh1y", ""),
                HeaderB.prefixes(List.of("abcdefgh1xx", "abcdefgh2", "zz", "xyzxyzxyzxyz", "abcdefgh1yy", "")));
        assertEquals(List.of("abcdefghij", "abcdefghij"), HeaderB.prefixes(List.of("abcdefghij", "abcdefghij")),
                "identical signatures: the whole value");
    }

    @Test
    void randomDamageNeverEscapesAsAnException() throws Exception {
        byte[] signed = sign(RSA_TAGS + " l=10; i=@example.org; t=1; x=99999999999; h=From:Subject;",
                HandSigner.RSA.getPrivate());
        byte[] alphabet = bytes(" \t\r\n:;=@.-abAZ09\u00ff/+");
        java.util.Random random = new java.util.Random(8463);
        Verifier verifier = new Verifier(dns.dns(), Duration.ofSeconds(2), NOW);
        for (int round = 0; round < 3000; round++) {
            byte[] damaged = signed.clone();
            int at = random.nextInt(Math.min(damaged.length, 400));
            damaged[at] = alphabet[random.nextInt(alphabet.length)];
            for (DkimVerdict verdict : verifier.verify(damaged)) {
                assertTrue(verdict.reason() != null && !verdict.reason().isEmpty());
            }
        }
    }

    private static String tags(String selector) {
        return "v=1; a=ed25519-sha256; c=relaxed/relaxed; d=example.org; s=" + selector + ";";
    }

    private static byte[] sign(String tags, PrivateKey key) throws Exception {
        return HandSigner.sign(Rfc.crlf(BODY_MESSAGE), tags, key);
    }

    private static List<DkimVerdict> verify(byte[] message) {
        return new Verifier(dns.dns(), Duration.ofMillis(500), NOW).verify(message);
    }

    private static List<DkimResult> results(byte[] message) {
        return verify(message).stream().map(DkimVerdict::result).toList();
    }

    private static void assertVerdict(DkimResult result, String words, byte[] message) {
        DkimVerdict verdict = verify(message).getFirst();
        assertEquals(result, verdict.result(), verdict.reason());
        assertTrue(verdict.reason().contains(words), "\"" + words + "\" not in: " + verdict.reason());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
