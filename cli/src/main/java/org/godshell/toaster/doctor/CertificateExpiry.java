package org.godshell.toaster.doctor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.hostcheck.Finding;
import org.godshell.toaster.tls.ServerCertificate;

/**
 * {@code control/servercert.pem}: there, readable, and not about to expire: a warning {@link #WARN_BEFORE} ahead
 * (ACME renews at 30 days, so 14 means renewal has been failing for two weeks), an error once expired, whether
 * the certificate came from ACME or not.
 */
final class CertificateExpiry {

    static final Duration WARN_BEFORE = Duration.ofDays(14);

    private CertificateExpiry() {
    }

    static Finding check(Path file, String host, Instant now) {
        if (!Files.isRegularFile(file)) {
            return Finding.fail("control/servercert.pem is missing: no TLS, so no logins; make one with: toaster "
                    + "cert selfsigned --host " + host + " (or toaster cert acme), or run the installer again");
        }
        Instant notAfter;
        try {
            notAfter = ServerCertificate.read(file).chain().getFirst().getNotAfter().toInstant();
        } catch (ConfigException e) {
            return Finding.fail(e.getMessage());
        }
        String day = notAfter.atOffset(ZoneOffset.UTC).toLocalDate().toString();
        if (!now.isBefore(notAfter)) {
            return Finding.fail("control/servercert.pem expired on " + day + ": clients refuse it; renew it "
                    + "(toaster cert renew, for an ACME certificate) or replace it");
        }
        long days = Duration.between(now, notAfter).toDays();
        if (Duration.between(now, notAfter).compareTo(WARN_BEFORE) <= 0) {
            return Finding.warn("control/servercert.pem expires on " + day + " (" + days + " days left); see "
                    + "toaster cert status, and renew it: toaster cert renew (ACME) or replace it");
        }
        return Finding.ok("control/servercert.pem is there (STARTTLS, SMTPS, POP3S, HTTPS), valid until " + day
                + " (" + days + " days)");
    }
}
