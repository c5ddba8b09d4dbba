package org.godshell.toaster.tlspublish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.MessageDigest;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.godshell.toaster.tls.ServerCertificate;
import org.junit.jupiter.api.Test;

/** TLSA 3 1 1: the SHA-256 of the SubjectPublicKeyInfo, one record per distinct key. */
class TlsaTest {

    private final TestCa ca = new TestCa();

    @Test
    void theHashIsOfTheSubjectPublicKeyInfoAsTheCertificateEncodesIt() throws Exception {
        TestCa.Leaf leaf = ca.issue("mail.example.org");
        byte[] spki = new X509CertificateHolder(leaf.certificate().getEncoded()).getSubjectPublicKeyInfo()
                .getEncoded();
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki));
        Tlsa tlsa = Tlsa.of(leaf.certificate());
        assertEquals(expected, tlsa.sha256());
        assertEquals("3 1 1 " + expected, tlsa.data());
    }

    @Test
    void aRenewalWithTheSameKeyKeepsTheRecordAndANewKeyAddsOne() {
        TestCa.Leaf first = ca.issue("mail.example.org");
        TestCa.Leaf renewed = ca.renew(first, "mail.example.org");
        TestCa.Leaf rekeyed = ca.issue("mail.example.org");
        assertEquals(Tlsa.of(first.certificate()), Tlsa.of(renewed.certificate()));
        assertEquals(List.of(Tlsa.of(first.certificate()), Tlsa.of(rekeyed.certificate())), Tlsa.distinct(List.of(
                served(first), served(renewed), served(rekeyed))));
    }

    private static ServerCertificate served(TestCa.Leaf leaf) {
        return new ServerCertificate(Path.of("servercert.pem"), leaf.keys().getPrivate(), List.of(leaf.certificate()));
    }

    @Test
    void theOwnerIsPort25OfTheHost() {
        assertEquals("_25._tcp.mail.example.org", Tlsa.owner("Mail.Example.org"));
    }

    @Test
    void onlyAHexSha256IsARecord() {
        assertThrows(IllegalArgumentException.class, () -> new Tlsa("ab"));
        assertThrows(IllegalArgumentException.class, () -> new Tlsa("G".repeat(64)));
        assertThrows(IllegalArgumentException.class, () -> new Tlsa("a".repeat(64) + "\n"));
    }
}
