package org.godshell.toaster.dkim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.Base64;
import org.godshell.toaster.dns.FixtureDns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Key records (RFC 6376 §3.6.1, RFC 8463 §4.2): the accepted forms, the sizes, and the malformed ones. */
class KeyRecordTest {

    /** The RFC 8463 RSA key: 1024 bits, the smallest RFC 8301 allows. */
    private static final String RSA_1024 = "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDkHlOQoBTzWRiGs5V6NpP3idY6Wk08a5qhdR6w"
            + "y5bdOKb2jLQiY/J16JYi0Qvx/byYzCNb3W91y3FutACDfzwQ/BC/e/8uBsCR+yz1Lxj+PL6lHvqMKrM3rG4hstT5QjvHO9PzoxZyV"
            + "YLzBfO2EeC3Ip3G+2kryOTIKT+l/K4w3QIDAQAB";
    private static final String ED25519 = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";

    @Test
    void readsRsaAndEd25519Records() throws Exception {
        KeyRecord rsa = KeyRecord.parse("v=DKIM1; k=rsa; p=" + RSA_1024);
        assertEquals(Algorithm.RSA_SHA256, rsa.type());
        assertEquals(1024, rsa.bits());
        assertEquals(Algorithm.RSA_SHA256, KeyRecord.parse("p=" + RSA_1024).type(), "k=rsa is the default");
        KeyRecord ed = KeyRecord.parse("v=DKIM1; k=ed25519; p=" + ED25519);
        assertEquals(Algorithm.ED25519_SHA256, ed.type());
        assertEquals(256, ed.bits());
    }

    @Test
    void readsFlagsServicesHashesAndIgnoresUnknownTags() throws Exception {
        KeyRecord key = KeyRecord.parse("v=DKIM1; g=*; n=notes for humans; h=sha1 : sha256; s=email:*; t=s:y; "
                + "p=" + RSA_1024.substring(0, 40) + " \t" + RSA_1024.substring(40));
        assertTrue(key.testing());
        assertTrue(key.strict());
        KeyRecord plain = KeyRecord.parse("k=RSA; s=*; t=x; p=" + RSA_1024);
        assertTrue(!plain.testing() && !plain.strict());
    }

    @Test
    void readsABarePkcs1RsaPublicKey() throws Exception {
        byte[] spki = Base64.getDecoder().decode(RSA_1024);
        // SubjectPublicKeyInfo = SEQUENCE(3 + algorithm 15 + BIT STRING header 4 + 0x00) then the RSAPublicKey.
        byte[] pkcs1 = java.util.Arrays.copyOfRange(spki, 22, spki.length);
        assertEquals(1024, KeyRecord.parse("p=" + Base64.getEncoder().encodeToString(pkcs1)).bits());
    }

    @Test
    void rsaSizesFrom1024To4096() throws Exception {
        assertEquals(4096, KeyRecord.parse("p=" + rsaOfBits(4096)).bits());
        for (int bits : new int[] {512, 768, 1023, 4097, 4608}) {
            DkimError e = assertThrows(DkimError.class, () -> KeyRecord.parse("p=" + rsaOfBits(bits)), bits + "");
            assertTrue(e.getMessage().contains(bits + " bits"), e.getMessage());
        }
        DkimError huge = assertThrows(DkimError.class, () -> KeyRecord.parse("p=" + rsaOfBits(8192)));
        assertTrue(huge.getMessage().contains("p= of "), huge.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "v=DKIM1; k=rsa; p=",                          // revoked
        "v=DKIM1; k=rsa",                              // no p=
        "v=DKIM2; p=" + ED25519,
        "k=ed25519; v=DKIM1; p=" + ED25519,            // v= not first
        "v=DKIM1; k=dsa; p=" + ED25519,
        "v=DKIM1; k=ed25519; h=sha1; p=" + ED25519,    // sha256 not allowed
        "v=DKIM1; k=ed25519; s=tlsrpt; p=" + ED25519,  // not for email
        "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHUQ==",      // 31 octets
        "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURoA",      // 33 octets
        "v=DKIM1; k=ed25519; p=" + RSA_1024,           // an RSA key said to be Ed25519
        "v=DKIM1; k=rsa; p=" + ED25519,                // 32 octets are no RSA key
        "v=DKIM1; k=rsa; p=!!!!",                      // not base64
        "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDkHlOQ", // a truncated key
        "v=DKIM1; p=" + ED25519 + "; p=" + ED25519,    // a duplicate tag
        "v=DKIM1; n=caf\u00e9; p=" + ED25519,          // a non-ASCII octet
        "v=DKIM1; k=ed25519 p=" + ED25519,             // a missing ';': k= is "ed25519 p=..."
    })
    void refusesMalformedRecords(String text) {
        assertEquals(DkimResult.PERMERROR, assertThrows(DkimError.class, () -> KeyRecord.parse(text)).result());
    }

    @Test
    void refusesOversizedRecords() {
        assertThrows(DkimError.class, () -> KeyRecord.parse("n=" + "x".repeat(KeyRecord.MAX_RECORD) + "; p=" + ED25519));
    }

    @Test
    void lookupJoinsStringsAndTellsTemporaryFromPermanent() throws Exception {
        try (FixtureDns dns = new FixtureDns()
                .txt("split._domainkey.x.test.", "v=DKIM1; k=ed25519; ", "p=11qYAYKxCrfVS/7TyWQHOg7h",
                        "cvPapiMlrwIaaPcHURo=")
                .txt("two._domainkey.x.test.", "v=DKIM1; k=ed25519; p=" + ED25519)
                .txt("two._domainkey.x.test.", "v=DKIM1; k=ed25519; p=" + ED25519)
                .a("none._domainkey.x.test.", "192.0.2.1")
                .servfail("broken._domainkey.x.test.").silent("slow._domainkey.x.test.")) {
            KeyLookup lookup = new KeyLookup(dns.dns(), Duration.ofMillis(500));
            assertEquals(Algorithm.ED25519_SHA256, lookup.fetch("split", "x.test").type());
            assertEquals(Algorithm.ED25519_SHA256, lookup.fetch("SPLIT", "X.test").type());
            assertEquals(1, dns.queries(), "one question per key and message");
            assertOutcome(DkimResult.PERMERROR, "2 TXT records", lookup, "two");
            assertOutcome(DkimResult.PERMERROR, "does not exist", lookup, "absent");
            assertOutcome(DkimResult.PERMERROR, "has no TXT record", lookup, "none");
            assertOutcome(DkimResult.TEMPERROR, "SERVFAIL", lookup, "broken");
            assertOutcome(DkimResult.TEMPERROR, "no answer", lookup, "slow");
        }
    }

    private static void assertOutcome(DkimResult result, String words, KeyLookup lookup, String selector) {
        DkimError e = assertThrows(DkimError.class, () -> lookup.fetch(selector, "x.test"));
        assertEquals(result, e.result(), e.getMessage());
        assertTrue(e.getMessage().contains(words), e.getMessage());
    }

    /** The p= of an RSA public key with a modulus of exactly {@code bits} bits (not a real key: never used). */
    static String rsaOfBits(int bits) throws Exception {
        BigInteger modulus = BigInteger.ONE.shiftLeft(bits - 1).add(BigInteger.valueOf(0x10001));
        RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(modulus, BigInteger.valueOf(65537)));
        assertInstanceOf(RSAPublicKey.class, key);
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }
}
