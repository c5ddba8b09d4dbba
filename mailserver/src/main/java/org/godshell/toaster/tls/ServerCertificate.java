package org.godshell.toaster.tls;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.godshell.toaster.config.ConfigException;

/**
 * A private key and its certificate chain, read from one PEM file as qmail's {@code servercert.pem} holds them
 * (key and certificates in any order; the key as PKCS#8, PKCS#1 RSA or SEC1 EC; the server's certificate first
 * among the certificates, then its chain).
 */
public record ServerCertificate(Path file, PrivateKey key, List<X509Certificate> chain) {

    public ServerCertificate {
        chain = List.copyOf(chain);
    }

    public static ServerCertificate read(Path file) throws ConfigException {
        JdkPem.Contents contents = JdkPem.read(file).orElse(null);
        if (contents == null) {
            contents = readWithBouncyCastle(file);
        }
        PrivateKey key = contents.key();
        List<X509Certificate> chain = contents.chain();
        if (!pair(key, chain.get(0).getPublicKey())) {
            throw new ConfigException(file, 0, "its first certificate is not for its private key; put the server's "
                    + "own certificate before the chain");
        }
        return new ServerCertificate(file, key, chain);
    }

    /** Every form of key qmail toasters have held (PKCS#1, SEC1, PKCS#8), and the errors worded for the admin. */
    private static JdkPem.Contents readWithBouncyCastle(Path file) throws ConfigException {
        PrivateKey key = null;
        List<X509Certificate> chain = new ArrayList<>();
        JcaPEMKeyConverter keys = new JcaPEMKeyConverter();
        JcaX509CertificateConverter certificates = new JcaX509CertificateConverter();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser pem = new PEMParser(reader)) {
            Object object;
            while ((object = pem.readObject()) != null) {
                switch (object) {
                    case X509CertificateHolder certificate -> chain.add(certificates.getCertificate(certificate));
                    case PrivateKeyInfo info -> key = only(file, key, keys.getPrivateKey(info));
                    case PEMKeyPair pair -> key = only(file, key, keys.getKeyPair(pair).getPrivate());
                    default -> throw new ConfigException(file, 0, "holds a " + object.getClass().getSimpleName()
                            + ", which is neither a private key nor a certificate; an encrypted key must be "
                            + "decrypted first (openssl pkey -in KEY -out KEY.plain)");
                }
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new ConfigException(file, 0, "is not a readable PEM key and certificate: " + e.getMessage()
                    + "; make one with: toaster cert selfsigned --host HOST", e);
        }
        if (key == null || chain.isEmpty()) {
            throw new ConfigException(file, 0, "needs a private key and a certificate in PEM; it has "
                    + (key == null ? "no key" : "a key") + " and " + chain.size() + " certificate(s)");
        }
        return new JdkPem.Contents(key, chain);
    }

    /**
     * Whether the server's certificate names {@code host} (lower case) in its subjectAltName, as SNI chooses
     * it ({@link SniKeyManager}).
     */
    public boolean covers(String host) {
        return SniKeyManager.names(chain.get(0)).stream().anyMatch(name -> SniKeyManager.matches(name, host));
    }

    /** The certificate is for this key: a signature made with the key verifies with the certificate's key. */
    private static boolean pair(PrivateKey key, PublicKey certified) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
        try {
            byte[] probe = "godshell toaster".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certified);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static PrivateKey only(Path file, PrivateKey earlier, PrivateKey key) throws ConfigException {
        if (earlier != null) {
            throw new ConfigException(file, 0, "holds two private keys; keep the one the certificate is for");
        }
        return key;
    }
}
