package org.godshell.toaster.mtasts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ControlFiles;
import org.godshell.toaster.config.Key;
import org.godshell.toaster.config.Reads;
import org.godshell.toaster.deliver.remote.RemoteConfig;
import org.godshell.toaster.tls.ServerCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** control/mtaststrust and the MX certificate check of RFC 8461 §4.2, without a network. */
class WebPkiTest {

    @TempDir
    Path dir;

    static String pem(Object... objects) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                writer.writeObject(object);
            }
        }
        return text.toString();
    }

    static X509Certificate[] chain(ServerCertificate certificate) {
        return certificate.chain().toArray(X509Certificate[]::new);
    }

    @Test
    void aBundleAddsItsAuthoritiesAndAMissingFileLeavesTheJdks() throws Exception {
        TestCa one = TestCa.create();
        TestCa two = TestCa.create();
        Path file = Files.writeString(dir.resolve("mtaststrust"), pem(one.certificate(), two.certificate()));
        WebPki trust = WebPki.read(file);
        assertEquals(2, trust.extraAnchors().size());
        new MxCertificateVerifier(trust, "mx.example.org").checkServerTrusted(chain(two.issue("mx.example.org")),
                "UNKNOWN");
        assertEquals(0, WebPki.read(dir.resolve("absent")).extraAnchors().size());
    }

    @Test
    void aBundleWithAKeyOrNothingOrGarbageIsRefused() throws Exception {
        ServerCertificate leaf = TestCa.create().issue("mx.example.org");
        Path withKey = Files.writeString(dir.resolve("key"), pem(leaf.key()));
        assertTrue(assertThrows(ConfigException.class, () -> WebPki.read(withKey)).getMessage()
                .contains("only PEM certificates"));
        Path empty = Files.writeString(dir.resolve("empty"), "# nothing\n");
        assertThrows(ConfigException.class, () -> WebPki.read(empty));
        Path garbage = Files.writeString(dir.resolve("garbage"), "-----BEGIN CERTIFICATE-----\n!!!\n"
                + "-----END CERTIFICATE-----\n");
        assertThrows(ConfigException.class, () -> WebPki.read(garbage));
    }

    @Test
    void remoteConfigReadsTheControlFile() throws Exception {
        TestCa ca = TestCa.create();
        Path control = Files.createDirectories(dir.resolve("control"));
        Files.writeString(control.resolve("mtaststrust"), pem(ca.certificate()));
        Reads reads = new Reads() {
            @Override
            public <T> Optional<T> file(Key<T> key) throws ConfigException {
                return Reads.given(Map.of(ControlFiles.HELOHOST, "me.example.org")).file(key);
            }

            @Override
            public String source(Key<?> key) {
                return "test";
            }

            @Override
            public Path path(Key<?> key) {
                return control.resolve(key.name());
            }
        };
        assertEquals(1, RemoteConfig.make(reads).webPki().extraAnchors().size());
    }

    @Test
    void theMxCheckNamesItsRefusals() throws Exception {
        TestCa ca = TestCa.create();
        MxCertificateVerifier verifier = new MxCertificateVerifier(ca.trust(), "mx1.example.org");
        verifier.checkServerTrusted(chain(ca.issue("*.example.org")), "UNKNOWN");
        CertificateNameException other = assertThrows(CertificateNameException.class, () ->
                verifier.checkServerTrusted(chain(ca.issue("mx2.example.org", "www.example.org")), "UNKNOWN"));
        assertTrue(other.getMessage().contains("mx2.example.org, www.example.org"), other.getMessage());
        assertThrows(CertificateNameException.class, () ->
                verifier.checkServerTrusted(chain(ca.issue("mx*.example.org")), "UNKNOWN"));
        assertThrows(CertificateExpiredException.class, () ->
                verifier.checkServerTrusted(chain(ca.expired("mx1.example.org")), "UNKNOWN"));
        CertificateException untrusted = assertThrows(CertificateException.class, () ->
                verifier.checkServerTrusted(chain(TestCa.selfSigned("mx1.example.org")), "UNKNOWN"));
        assertInstanceOf(CertPathBuilderException.class, untrusted.getCause());
        assertThrows(CertificateException.class, () -> verifier.checkServerTrusted(new X509Certificate[0], "UNKNOWN"));
    }
}
