package org.godshell.toaster.dane;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Keys and certificates for DANE tests: a CA, and leaves for names, valid now or expired. */
record TestCertificates(KeyPair keys, X509Certificate certificate) {

    static final Instant NOW = Instant.now();

    /** A self-signed CA certificate, valid around now. */
    static TestCertificates ca(String name) throws GeneralSecurityException {
        KeyPair keys = newKeys();
        return new TestCertificates(keys, build(name, keys, name, keys, true, NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(30))));
    }

    /** A server certificate for {@code dnsName} issued by {@code issuer}, valid from {@code from} to {@code to}. */
    static TestCertificates leaf(String dnsName, TestCertificates issuer, Instant from, Instant to)
            throws GeneralSecurityException {
        KeyPair keys = newKeys();
        String issuerName = issuer.certificate.getSubjectX500Principal().getName().replaceFirst("^CN=", "");
        return new TestCertificates(keys, build(dnsName, keys, issuerName, issuer.keys, false, from, to));
    }

    static TestCertificates leaf(String dnsName, TestCertificates issuer) throws GeneralSecurityException {
        return leaf(dnsName, issuer, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));
    }

    /** A self-signed server certificate, as a DANE-EE server typically has. */
    static TestCertificates selfSigned(String dnsName) throws GeneralSecurityException {
        KeyPair keys = newKeys();
        return new TestCertificates(keys, build(dnsName, keys, dnsName, keys, false, NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(30))));
    }

    byte[] spkiSha256() throws GeneralSecurityException {
        return MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded());
    }

    byte[] certSha256() throws GeneralSecurityException {
        return MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
    }

    private static KeyPair newKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate build(String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys,
            boolean ca, Instant from, Instant to) throws GeneralSecurityException {
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=" + issuer),
                    BigInteger.valueOf(System.nanoTime()), Date.from(from), Date.from(to), new X500Name("CN=" + subject),
                    subjectKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (ca) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign));
            } else {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, subject)));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
        } catch (OperatorCreationException | java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
    }
}
