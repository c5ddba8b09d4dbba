package org.godshell.toaster.site.tlsalpn;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The validation certificates an ACME client writes while a TLS-ALPN-01 order is open: {@code NAME.pem} in one
 * directory, a PKCS#8 key then the certificate. A file is served only if it is a small regular file (not a link)
 * whose certificate is one RFC 8737 §3 describes for exactly that name (the name its only SAN dNSName, the
 * critical id-pe-acmeIdentifier extension) and whose key matches it; anything else reads as absent.
 *
 * @param directory where the ACME client writes them ({@code control/acme/tls-alpn-01} in the toaster)
 */
public record ValidationCertificates(Path directory) {

    /** RFC 8737 §6.1: id-pe-acmeIdentifier. */
    static final String ACME_IDENTIFIER = "1.3.6.1.5.5.7.1.31";
    /** A P-256 or RSA key and one certificate are a few kilobytes. */
    static final int MAX_FILE = 16 * 1024;
    private static final int DNS_NAME = 2;
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");

    /** A key and the certificate it goes with. */
    public record Validation(PrivateKey key, X509Certificate certificate) {}

    /** The validation for {@code sniName}; empty when the name is not a plain host name or has no usable file. */
    public Optional<Validation> forName(String sniName) {
        Optional<String> name = SniName.check(sniName);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        try {
            Optional<String> text = read(directory.resolve(name.get() + ".pem"));
            return text.isEmpty() ? Optional.empty() : parse(text.get(), name.get());
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> read(Path file) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (!attributes.isRegularFile() || attributes.size() > MAX_FILE) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes(MAX_FILE + 1);
            return bytes.length > MAX_FILE ? Optional.empty() : Optional.of(new String(bytes,
                    StandardCharsets.US_ASCII));
        }
    }

    static Optional<Validation> parse(String pem, String name) throws GeneralSecurityException {
        Matcher blocks = BLOCK.matcher(pem);
        byte[] key = null;
        byte[] certificate = null;
        while (blocks.find()) {
            byte[] der = Base64.getMimeDecoder().decode(blocks.group(2));
            switch (blocks.group(1)) {
                case "PRIVATE KEY" -> key = key == null ? der : null;
                case "CERTIFICATE" -> certificate = certificate == null ? der : null;
                default -> {
                    return Optional.empty();
                }
            }
        }
        if (key == null || certificate == null) {
            return Optional.empty();
        }
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificate));
        if (!isValidationFor(cert, name)) {
            return Optional.empty();
        }
        PrivateKey privateKey = KeyFactory.getInstance(cert.getPublicKey().getAlgorithm())
                .generatePrivate(new PKCS8EncodedKeySpec(key));
        return matches(privateKey, cert) ? Optional.of(new Validation(privateKey, cert)) : Optional.empty();
    }

    /** RFC 8737 §3: exactly one SAN, the dNSName of the name; the acmeIdentifier extension, critical. */
    static boolean isValidationFor(X509Certificate certificate, String name) throws GeneralSecurityException {
        var names = certificate.getSubjectAlternativeNames();
        return names != null && names.size() == 1 && names.iterator().next().equals(List.of(DNS_NAME, name))
                && certificate.getCriticalExtensionOIDs() != null
                && certificate.getCriticalExtensionOIDs().contains(ACME_IDENTIFIER);
    }

    /** Whether the key signs what the certificate's public key verifies: a mismatched pair would fail the CA. */
    private static boolean matches(PrivateKey key, X509Certificate certificate) throws GeneralSecurityException {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> key.getAlgorithm();                              // Ed25519, Ed448 name their own
        };
        byte[] probe = "tls-alpn-01".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(probe);
        return verifier.verify(signature);
    }
}
