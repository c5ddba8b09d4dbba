package org.godshell.toaster.acme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.godshell.toaster.io.AtomicFile;
import org.godshell.toaster.io.Handover;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.TlsAlpn01Challenge;

/**
 * TLS-ALPN-01 (RFC 8737): for each name, a validation certificate (RFC 8737 §3: self-signed, the name its only
 * SAN, the critical acmeIdentifier extension holding the SHA-256 of the key authorization) and its key written to
 * {@code tls-alpn-01/NAME.pem}, which the wiki's HTTPS listener presents on port 443 to a client that offers
 * only the ALPN protocol {@code acme-tls/1} for that name; then the CA is told to look, and we wait for its
 * verdict. {@link #close} removes every file written, whatever happened.
 */
final class TlsAlpn01Answers implements Answers {

    /** A lowercase LDH host name (RFC 1123 §2.1) of two labels or more: safe as a file name, as the site checks. */
    private static final String NAME = "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+"
            + "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";

    private final Path directory;
    private final Handover handover;
    private final WrittenAnswers written = new WrittenAnswers("TLS-ALPN-01");

    TlsAlpn01Answers(Path directory, Handover handover) {
        this.directory = directory;
        this.handover = handover;
    }

    @Override
    public void prove(Authorization authorization, Duration patience)
            throws AcmeException, org.shredzone.acme4j.exception.AcmeException, InterruptedException {
        Identifier identifier = authorization.getIdentifier();
        String name = identifier.getDomain();
        TlsAlpn01Challenge challenge = authorization.findChallenge(TlsAlpn01Challenge.class).orElseThrow(() ->
                AcmeException.challenge("the CA offers no TLS-ALPN-01 challenge for " + name + "; try toaster "
                        + "cert acme --challenge http-01"));
        if (!name.matches(NAME)) {
            throw AcmeException.challenge("\"" + AcmeException.printable(name) + "\" is not a lowercase host name; "
                    + "refusing to use it as a file name");
        }
        Path answer = directory.resolve(name + ".pem");
        try {
            KeyPair key = validationKey();
            X509Certificate certificate = challenge.createCertificate(key, identifier);
            if (!Files.isDirectory(directory)) {
                AtomicFile.createDirectory(directory, AcmeFiles.DIRECTORY_MODE, handover);
            }
            written.add(answer);
            AtomicFile.write(answer, Keys.pem(key, List.of(certificate)), AcmeFiles.MODE, handover);
        } catch (IOException | GeneralSecurityException e) {
            throw AcmeException.local("cannot write the TLS-ALPN-01 answer " + answer + ": " + e.getMessage());
        }
        challenge.trigger();
        Status status = challenge.waitForCompletion(patience);
        if (status != Status.VALID) {
            throw AcmeException.challenge("the CA could not verify " + name + " over TLS-ALPN-01 (it connected to "
                    + name + " on port 443 offering ALPN acme-tls/1, which toaster wiki serve answers when "
                    + "listen-https is set and port 443 is reachable from the Internet and " + name
                    + " points here): " + challenge.getError().map(AcmeException::detail).orElse("status "
                    + status));
        }
    }

    /**
     * A fresh key for each answer: it signs nothing but its own certificate, and is removed with it. RSA,
     * because acme4j 4.0's validation certificate is always signed with SHA256withRSA.
     */
    private static KeyPair validationKey() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    @Override
    public void close() throws AcmeException {
        written.removeAll();
    }
}
