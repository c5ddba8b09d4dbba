package org.godshell.toaster.mtasts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
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
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.Controls;
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

    /** RemoteConfig as smtpd makes it from a control directory holding only these files. */
    RemoteConfig config(Map<String, String> files) throws Exception {
        Path control = Files.createTempDirectory(dir, "control");
        Files.writeString(control.resolve("me"), "me.example.org\n");
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(control.resolve(file.getKey()), file.getValue());
        }
        return RemoteConfig.make(new Controls(control, line -> { }));
    }

    @Test
    void aBundleAddsItsAuthoritiesAndAMissingFileLeavesTheJdks() throws Exception {
        TestCa one = TestCa.create();
        TestCa two = TestCa.create();
        WebPki trust = config(Map.of("mtaststrust", "# our lab's authorities\n\n" + pem(one.certificate(),
                two.certificate()))).webPki();
        assertEquals(2, trust.extraAnchors().size());
        new MxCertificateVerifier(trust, "mx.example.org").checkServerTrusted(chain(two.issue("mx.example.org")),
                "UNKNOWN");
        assertSame(WebPki.jdk(), config(Map.of()).webPki());
    }

    @Test
    void aBundleWithAKeyOrNothingOrGarbageIsRefused() throws Exception {
        ServerCertificate leaf = TestCa.create().issue("mx.example.org");
        ConfigException withKey = assertThrows(ConfigException.class, () -> config(Map.of("mtaststrust",
                pem(leaf.key()))));
        assertTrue(withKey.getMessage().contains("only PEM certificates"), withKey.getMessage());
        assertThrows(ConfigException.class, () -> config(Map.of("mtaststrust", "# nothing\n")));
        assertThrows(ConfigException.class, () -> config(Map.of("mtaststrust", "-----BEGIN CERTIFICATE-----\n!!!\n"
                + "-----END CERTIFICATE-----\n")));
        assertThrows(ConfigException.class, () -> config(Map.of("mtaststrust", "-----BEGIN CERTIFICATE-----\n"
                + "A".repeat(100_000) + "\n")));
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
