package org.godshell.toaster.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The common {@code servercert.pem} read with the JDK alone: one PKCS#8 key ({@code BEGIN PRIVATE KEY}, as
 * {@code toaster cert selfsigned}, certbot and acme.sh write it) and X.509 certificates (RFC 7468 §5 and §10).
 * BouncyCastle reads everything else; its jars are signed, and the JDK checking their signatures when the first
 * class loads cost a daemon's start about a fifth of its CPU. Anything this reader does not fully understand
 * (another block, a second key, a bad block) is left to BouncyCastle, which also words the errors.
 */
final class JdkPem {

    /** A key and certificate file is a few kilobytes; a much bigger one is not this reader's. */
    static final long MAX_BYTES = 1 << 20;
    /** RFC 7468 §3: the label of the END line is the label of the BEGIN line. */
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]{1,64})-----([A-Za-z0-9+/=\\s]{0,65536}?)-----END \\1-----");
    private static final Pattern BEGIN = Pattern.compile("-----BEGIN ");
    /** The algorithms a server key may have, most likely first; PKCS#8 names its own and the others refuse it. */
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS");

    /** The key and certificates, in the file's order. */
    record Contents(PrivateKey key, List<X509Certificate> chain) {
        Contents {
            chain = List.copyOf(chain);
        }
    }

    private JdkPem() {
    }

    /** The file's key and certificates, or empty when it holds anything but one PKCS#8 key and certificates. */
    static Optional<Contents> read(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                return Optional.empty();
            }
            return parse(Files.readString(file, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static Optional<Contents> parse(String text) {
        PrivateKey key = null;
        List<X509Certificate> chain = new ArrayList<>();
        Matcher block = BLOCK.matcher(text);
        int blocks = 0;
        try {
            while (block.find()) {
                blocks++;
                byte[] der = Base64.getMimeDecoder().decode(block.group(2).strip());
                switch (block.group(1)) {
                    case "CERTIFICATE" -> chain.add((X509Certificate) CertificateFactory.getInstance("X.509")
                            .generateCertificate(new ByteArrayInputStream(der)));
                    case "PRIVATE KEY" -> {
                        if (key != null) {
                            return Optional.empty();
                        }
                        key = privateKey(der).orElse(null);
                        if (key == null) {
                            return Optional.empty();
                        }
                    }
                    default -> {
                        return Optional.empty();
                    }
                }
            }
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            return Optional.empty();
        }
        boolean everyBlockRead = blocks == BEGIN.matcher(text).results().count();
        return everyBlockRead && key != null && !chain.isEmpty() ? Optional.of(new Contents(key, chain))
                : Optional.empty();
    }

    private static Optional<PrivateKey> privateKey(byte[] der) {
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return Optional.of(KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der)));
            } catch (GeneralSecurityException e) {
                // not this algorithm's key: try the next
            }
        }
        return Optional.empty();
    }
}
