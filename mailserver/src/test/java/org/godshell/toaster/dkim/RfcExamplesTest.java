package org.godshell.toaster.dkim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.godshell.toaster.dns.FixtureDns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The published examples, byte for byte: RFC 8463 Appendix A (an Ed25519 and an RSA signature of the same
 * message) and RFC 6376 Appendix A.2. Both signature algorithms are deterministic, so signing the published
 * field (its {@code b=} emptied) with the published key must give the published {@code b=}.
 */
class RfcExamplesTest {

    private static final Clock THEN = Clock.fixed(Instant.ofEpochSecond(1528637909L + 60), ZoneOffset.UTC);
    private static FixtureDns dns;

    @BeforeAll
    static void zone() throws Exception {
        dns = new FixtureDns()
                .txt("brisbane._domainkey.football.example.com.", Rfc.RFC8463_ED25519_RECORD)
                .txt("test._domainkey.football.example.com.", Rfc.RFC8463_RSA_RECORD)
                .txt("brisbane._domainkey.example.com.", Rfc.RFC6376_RECORD);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        dns.close();
    }

    @Test
    void rfc8463BothSignaturesVerify() {
        List<DkimVerdict> verdicts = new Verifier(dns.dns(), Duration.ofSeconds(2), THEN)
                .verify(Rfc.crlf(Rfc.RFC8463_MESSAGE));
        assertEquals(2, verdicts.size());
        assertEquals(new DkimVerdict(DkimResult.PASS, "verified", "football.example.com", "brisbane",
                "ed25519-sha256", "@football.example.com", "/gCrinpc", false, false), verdicts.get(0));
        assertEquals(new DkimVerdict(DkimResult.PASS, "verified", "football.example.com", "test", "rsa-sha256",
                "@football.example.com", "F45dVWDf", false, false), verdicts.get(1));
    }

    @Test
    void rfc8463SignaturesReproduceFromTheirKeys() throws Exception {
        Message message = Message.parse(Rfc.crlf(Rfc.RFC8463_MESSAGE));
        assertEquals("2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=", Base64.getEncoder().encodeToString(
                BodyHash.of(message.bytes(), message.bodyStart(), Canonicalization.RELAXED, BodyHash.WHOLE).digest()));
        assertEquals("/gCrinpcQOoIfuHNQIbq4pgh9kyIK3AQUdt9OdqQehSwhEIug4D11BusFa3bT3FY5OsU7ZbnKELq+eXdp1Q1Dw==",
                resign(message, 0, new SigningKey("brisbane", Rfc.ed25519(Rfc.RFC8463_ED25519_SEED))));
        assertEquals("F45dVWDfMbQDGHJFlXUNB2HKfbCeLRyhDXgFpEL8GwpsRe0IeIixNTe3DhCVlUrSjV4BwcVcOF6+FF3Zo9Rpo1tFOeS9mPYQ"
                + "TnGdaSGsgeefOsk2JzdA+L10TeYt9BgDfQNZtKdN1WO//KgIqXP7OdEFE4LjFYNcUxZQ4FADY+8=",
                resign(message, 1, new SigningKey("test", KeyFiles.parse(Rfc.RFC8463_RSA_KEY))));
    }

    @Test
    void rfc8463PublishedRecordsAreThePublicHalvesOfThePublishedKeys() throws Exception {
        assertEquals(Rfc.RFC8463_ED25519_RECORD, PublishedKey.txt(PublishedKey.of(Rfc.ed25519(Rfc.RFC8463_ED25519_SEED))));
        assertEquals(String.join("", Rfc.RFC8463_RSA_RECORD),
                PublishedKey.txt(PublishedKey.of(KeyFiles.parse(Rfc.RFC8463_RSA_KEY))));
    }

    @Test
    void rfc6376AppendixAVerifiesAndReproduces() throws Exception {
        List<DkimVerdict> verdicts = new Verifier(dns.dns(), Duration.ofSeconds(2), THEN)
                .verify(Rfc.crlf(Rfc.RFC6376_MESSAGE));
        assertEquals(List.of(new DkimVerdict(DkimResult.PASS, "verified", "example.com", "brisbane", "rsa-sha256",
                "joe@football.example.com", "AuUoFEfD", false, false)), verdicts);
        Message message = Message.parse(Rfc.crlf(Rfc.RFC6376_MESSAGE));
        assertEquals("AuUoFEfDxTDkHlLXSZEpZj79LICEps6eda7W3deTVFOk4yAUoqOB4nujc7YopdG5dWLSdNg6xNAZpOPr+kHxt1IrE+NahM6"
                + "L/LbvaHutKVdkLLkpVaVVQPzeRDI009SO2Il5Lu7rDNH6mZckBdrIx0orEtZV4bmp/YzhwvcubU4=",
                resign(message, 0, new SigningKey("brisbane", KeyFiles.parse(Rfc.RFC6376_KEY))));
        assertEquals(Rfc.RFC6376_RECORD.replace("v=DKIM1; ", "v=DKIM1; k=rsa; "),
                PublishedKey.txt(PublishedKey.of(KeyFiles.parse(Rfc.RFC6376_KEY))));
    }

    /** Signs the published field at {@code index} (its b= emptied) over the message, as a signer would have. */
    private static String resign(Message message, int index, SigningKey key) throws Exception {
        HeaderField field = message.fields().get(index);
        TagList tags = TagList.parse(field.value(), SignatureTags.MAX_FIELD);
        SignatureTags signature = SignatureTags.parse(tags);
        byte[] input = HeaderHash.input(message.fields(), index, signature.signedKeys(),
                signature.headerCanonicalization(), field, tags);
        byte[] b = key.algorithm().sign(key.key(), input);
        assertArrayEquals(signature.signature(), b);
        return Base64.getEncoder().encodeToString(b);
    }
}
