package org.godshell.toaster.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JDK-only reader of servercert.pem: what it reads itself, and what it leaves to BouncyCastle (every other
 * block, malformed, oversized or hostile text) without an exception, so that the fallback words the error.
 */
class JdkPemTest {

    private static String pem;
    private static String key;
    private static String certificate;

    @TempDir
    Path dir;

    @BeforeAll
    static void certificates() throws Exception {
        pem = SelfSigned.create("mail.example.org");
        int split = pem.indexOf("-----BEGIN CERTIFICATE-----");
        key = pem.substring(0, split);
        certificate = pem.substring(split);
    }

    private static String block(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static byte[] der(String block) {
        return Base64.getMimeDecoder().decode(block.replaceAll("-----[A-Z ]+-----", "").strip());
    }

    @Test
    void readsThePkcs8KeyAndTheCertificatesInAnyOrderWithTextAround() {
        JdkPem.Contents contents = JdkPem.parse(pem).orElseThrow();
        assertEquals("RSA", contents.key().getAlgorithm());
        assertEquals(1, contents.chain().size());
        String decorated = "Bag Attributes\n    friendlyName: mail\n" + certificate + "subject=CN=x\n" + key;
        assertEquals(contents.chain(), JdkPem.parse(decorated).orElseThrow().chain());
    }

    @Test
    void readsAnEcKeyByTheAlgorithmItsPkcs8Names() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        String ec = block("PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded());
        assertEquals("EC", JdkPem.parse(ec + certificate).orElseThrow().key().getAlgorithm());
    }

    @Test
    void leavesAPkcs1KeyToBouncyCastleWhichStillReadsIt() throws Exception {
        byte[] pkcs1 = PrivateKeyInfo.getInstance(der(key)).parsePrivateKey().toASN1Primitive().getEncoded();
        String file = block("RSA PRIVATE KEY", pkcs1) + certificate;
        assertEquals(Optional.empty(), JdkPem.parse(file));
        Path path = Files.writeString(dir.resolve("servercert.pem"), file);
        assertEquals("RSA", ServerCertificate.read(path).key().getAlgorithm());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage\n"})
    void leavesAFileWithoutBlocksToBouncyCastle(String text) {
        assertEquals(Optional.empty(), JdkPem.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
        "-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n",
        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END CERTIFICATE-----\n",
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n"})
    void leavesAFileWithAMalformedOrForeignBlockToBouncyCastle(String text) {
        assertEquals(Optional.empty(), JdkPem.parse(text));
        assertEquals(Optional.empty(), JdkPem.parse(text + pem));
    }

    @Test
    void leavesTwoKeysAKeyAloneAndACertificateAloneToBouncyCastle() {
        assertEquals(Optional.empty(), JdkPem.parse(key + key + certificate));
        assertEquals(Optional.empty(), JdkPem.parse(key));
        assertEquals(Optional.empty(), JdkPem.parse(certificate));
        assertEquals(Optional.empty(), JdkPem.parse(pem.replace("-----END CERTIFICATE-----", "")));
    }

    @Test
    void leavesOversizedAndHostileFilesToBouncyCastle() throws Exception {
        Path big = Files.writeString(dir.resolve("big.pem"), pem + "#".repeat((int) JdkPem.MAX_BYTES));
        assertEquals(Optional.empty(), JdkPem.read(big));
        String endless = "-----BEGIN CERTIFICATE-----\n" + "A".repeat(200_000);
        assertEquals(Optional.empty(), JdkPem.parse(endless + pem));
        String manyBegins = "-----BEGIN CERTIFICATE-----\nAAAA\n".repeat(20_000);
        assertEquals(Optional.empty(), JdkPem.parse(manyBegins));
        assertTrue(JdkPem.read(dir.resolve("missing.pem")).isEmpty());
    }
}
