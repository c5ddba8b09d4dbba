package org.godshell.toaster.site.serve;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A fresh self-signed EC certificate for {@code wiki.test} and 127.0.0.1, made with the JDK's keytool: the
 * server's TLS (and its key manager), and a client's that trusts exactly that certificate.
 */
record TestTls(SSLContext server, SSLContext client, X509ExtendedKeyManager keys) {

    private static final char[] STORE_PASSWORD = "test-only".toCharArray();
    /** TLS 1.3, and ECDHE with AEAD for TLS 1.2, for the EC key. */
    static final List<String> SUITES = List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");

    static TestTls create(Path dir) throws Exception {
        Path keystore = dir.resolve("keys.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass",
                new String(STORE_PASSWORD), "-alias", "wiki", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=wiki.test", "-ext", "SAN=dns:wiki.test,ip:127.0.0.1", "-validity", "2")
                .redirectErrorStream(true).start();
        keytool.getInputStream().transferTo(OutputStream.nullOutputStream());
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, "keytool failed");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, STORE_PASSWORD);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, STORE_PASSWORD);
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(keyManagers.getKeyManagers(), null, null);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, trust.getTrustManagers(), null);
        return new TestTls(server, client, (X509ExtendedKeyManager) keyManagers.getKeyManagers()[0]);
    }

    WikiTls wikiTls() {
        return new WikiTls(server, List.of("TLSv1.3", "TLSv1.2"), SUITES);
    }
}
