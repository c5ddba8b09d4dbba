package org.godshell.toaster.acme;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.io.AtomicFile;
import org.godshell.toaster.io.Handover;
import org.godshell.toaster.tls.ServerCertificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The two keys: the account's (EC P-256, ES256 signatures, RFC 8555 §6.2) made once, and the certificate's,
 * kept from certificate to certificate (DANE {@code 3 1 1} records pin its public key, RFC 7671 §5.1) unless a new
 * one is asked for. A new certificate key is RSA 2048, which every mail client and MTA still accepts.
 */
final class Keys {

    private Keys() {
    }

    /** The account key in {@code file}, made and written (0600) first when there is none. */
    static KeyPair account(Path file, Handover handover) throws AcmeException {
        try {
            if (Files.exists(file)) {
                return readPair(file);
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            StringWriter text = new StringWriter();
            try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
                pem.writeObject(new JcaPKCS8Generator(pair.getPrivate(), null));
                pem.writeObject(pair.getPublic());
            }
            AtomicFile.write(file, text.toString(), AcmeFiles.MODE, handover);
            return pair;
        } catch (IOException | java.security.GeneralSecurityException | RuntimeException e) {
            throw AcmeException.local("cannot read or make the ACME account key " + file + ": " + e.getMessage());
        }
    }

    /** A PKCS#8 private key and its public key ("PUBLIC KEY"), as {@link #account} writes them, or a key pair. */
    private static KeyPair readPair(Path file) throws IOException {
        JcaPEMKeyConverter keys = new JcaPEMKeyConverter();
        PrivateKey secret = null;
        PublicKey known = null;
        try (PEMParser pem = new PEMParser(new StringReader(Files.readString(file, StandardCharsets.US_ASCII)))) {
            Object object;
            while ((object = pem.readObject()) != null) {
                switch (object) {
                    case PrivateKeyInfo info -> secret = keys.getPrivateKey(info);
                    case SubjectPublicKeyInfo info -> known = keys.getPublicKey(info);
                    case PEMKeyPair pair -> {
                        secret = keys.getKeyPair(pair).getPrivate();
                        known = keys.getKeyPair(pair).getPublic();
                    }
                    default -> throw new IOException("holds a " + object.getClass().getSimpleName());
                }
            }
        }
        if (secret == null || known == null) {
            throw new IOException("needs a private key and its public key in PEM");
        }
        return new KeyPair(known, secret);
    }

    /**
     * The key for the next certificate: that of the first of {@code current} that holds a readable key and
     * certificate (the ACME certificate, then the one it replaces), or a new one.
     */
    static KeyPair certificate(List<Path> current, boolean fresh) throws AcmeException {
        if (!fresh) {
            for (Path file : current) {
                Optional<KeyPair> kept = read(file);
                if (kept.isPresent()) {
                    return kept.get();
                }
            }
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, new SecureRandom());
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw AcmeException.local("cannot make an RSA key: " + e.getMessage());
        }
    }

    private static Optional<KeyPair> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            ServerCertificate held = ServerCertificate.read(file);
            return Optional.of(new KeyPair(held.chain().getFirst().getPublicKey(), held.key()));
        } catch (ConfigException e) {
            return Optional.empty();
        }
    }

    /** The key as PKCS#8 and the chain, the server's certificate first: a servercert.pem. */
    static String pem(KeyPair key, List<X509Certificate> chain) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(new JcaPKCS8Generator(key.getPrivate(), null));
            for (X509Certificate certificate : chain) {
                pem.writeObject(certificate);
            }
        }
        return text.toString();
    }
}
