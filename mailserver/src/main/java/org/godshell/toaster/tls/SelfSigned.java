package org.godshell.toaster.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.godshell.toaster.io.AtomicFile;
import org.godshell.toaster.io.Handover;

/**
 * {@code toaster cert selfsigned}: an RSA 2048 key (what every mail client and MTA still accepts) and a
 * certificate for one host name, valid three years, written as one PEM file readable by its owner only.
 */
public final class SelfSigned {

    static final Duration VALIDITY = Duration.ofDays(3 * 365);

    private SelfSigned() {}

    /** A new key and certificate for {@code host}, as the PEM text of a servercert.pem. */
    public static String create(String host) throws GeneralSecurityException {
        if (!validHost(host)) {
            throw new IllegalArgumentException("\"" + host + "\" is not a host name such as mail.example.org");
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, new SecureRandom());
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=" + host);
        Instant now = Instant.now();
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(VALIDITY)), name, pair.getPublic());
            // RFC 6125: clients match the DNS name in subjectAltName, not the CN.
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, host)));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth}));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
            StringWriter text = new StringWriter();
            try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
                pem.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(pair.getPrivate(), null));
                pem.writeObject(certificate);
            }
            return text.toString();
        } catch (OperatorCreationException | IOException e) {
            throw new GeneralSecurityException("cannot make the certificate: " + e.getMessage(), e);
        }
    }

    /** A DNS host name (RFC 1123 labels); nothing that could change the certificate's subject. */
    public static boolean validHost(String host) {
        return host.length() <= 253 && host.matches("(?i)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    }

    /** Writes {@code pem} to {@code file} atomically with mode 0600, handed over before it replaces the old one. */
    public static void write(Path file, String pem, Handover handover) throws IOException {
        AtomicFile.write(file, pem, "rw-------", handover);
    }
}
