package org.godshell.toaster.site.tlsalpn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Validation certificates as an ACME client writes them (RFC 8737 §3), made with the JDK's keytool: a PKCS#8
 * key then the certificate, with the name as the only SAN and the critical acmeIdentifier extension holding
 * {@code digest}, or, for the hostile cases, without the extension or with another name.
 */
public final class ValidationFiles {

    private static final char[] PASSWORD = "test-only".toCharArray();
    private static int count;

    private ValidationFiles() {
    }

    /** The 32 bytes a test puts in the extension, as the SHA-256 of some key authorization would be. */
    public static byte[] digest() {
        byte[] digest = new byte[32];
        for (int i = 0; i < digest.length; i++) {
            digest[i] = (byte) (i * 7 + 1);
        }
        return digest;
    }

    /** {@code dir/name.pem}: a proper validation certificate for {@code name}. */
    public static Path write(Path dir, String name) throws Exception {
        return Files.writeString(dir.resolve(name + ".pem"), pem(dir, name, true));
    }

    /** The PEM of a key and a certificate for {@code san}, with the acmeIdentifier extension or without. */
    public static String pem(Path dir, String san, boolean acmeIdentifier) throws Exception {
        Path keystore = dir.resolve("validation-" + count++ + ".p12");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString(), "-genkeypair", "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass",
                new String(PASSWORD), "-alias", "v", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=ACME validation", "-ext", "SAN=dns:" + san, "-validity", "2"));
        if (acmeIdentifier) {
            // The extension's value is an OCTET STRING of the 32-byte digest (RFC 8737 §3): 04 20, then it.
            command.addAll(List.of("-ext", ValidationCertificates.ACME_IDENTIFIER + ":critical=0420"
                    + HexFormat.of().formatHex(digest())));
        }
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        keytool.getInputStream().transferTo(OutputStream.nullOutputStream());
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, "keytool failed");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, PASSWORD);
        }
        PrivateKey key = (PrivateKey) keys.getKey("v", PASSWORD);
        X509Certificate certificate = (X509Certificate) keys.getCertificate("v");
        Base64.Encoder base64 = Base64.getMimeEncoder(64, new byte[] {'\n'});
        return "-----BEGIN PRIVATE KEY-----\n" + base64.encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n-----BEGIN CERTIFICATE-----\n"
                + base64.encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
    }
}
