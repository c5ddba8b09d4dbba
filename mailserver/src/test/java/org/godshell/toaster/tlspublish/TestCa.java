package org.godshell.toaster.tlspublish;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A private CA for tests: leaf certificates (EC P-256) for any names and validity, and their servercert.pem text. */
final class TestCa {

    private static final AtomicLong SERIAL = new AtomicLong(1);

    final KeyPair keys = pair();
    final X509Certificate root = sign(new X500Name("CN=Test CA"), keys, keys, Instant.now().minus(Duration.ofDays(1)),
            Instant.now().plus(Duration.ofDays(30)), true);

    /** A leaf issued by this CA, valid from {@code from} to {@code to}, with its key. */
    Leaf issue(Instant from, Instant to, String... names) {
        KeyPair leaf = pair();
        return new Leaf(leaf, sign(new X500Name("CN=" + names[0]), leaf, keys, from, to, false, names));
    }

    Leaf issue(String... names) {
        return issue(Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)), names);
    }

    /** A renewal: a new certificate for the same key. */
    Leaf renew(Leaf old, String... names) {
        return new Leaf(old.keys(), sign(new X500Name("CN=" + names[0]), old.keys(), keys,
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(60)), false, names));
    }

    /** A leaf and its key. */
    record Leaf(KeyPair keys, X509Certificate certificate) {

        /** The text of a servercert.pem: the key, the leaf, then {@code chain}. */
        String pem(X509Certificate... chain) {
            StringWriter text = new StringWriter();
            try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
                pem.writeObject(new JcaPKCS8Generator(keys.getPrivate(), null));
                pem.writeObject(certificate);
                for (X509Certificate link : chain) {
                    pem.writeObject(link);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return text.toString();
        }
    }

    static KeyPair pair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private X509Certificate sign(X500Name subject, KeyPair subjectKeys, KeyPair issuerKeys, Instant from, Instant to,
            boolean ca, String... names) {
        X500Name issuer = ca ? subject : new X500Name(this.root.getSubjectX500Principal().getName());
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(SERIAL.getAndIncrement()), Date.from(from), Date.from(to), subject,
                    subjectKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (names.length > 0) {
                GeneralName[] dns = new GeneralName[names.length];
                for (int i = 0; i < names.length; i++) {
                    dns[i] = new GeneralName(GeneralName.dNSName, names[i]);
                }
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(dns));
            }
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
        } catch (IOException | OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
