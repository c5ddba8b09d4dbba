package org.godshell.toaster.acme;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.tls.ServerCertificate;

/**
 * A certificate as ACME issued it: the server's certificate (first of the chain) and the DNS names it is for
 * (its subjectAltName dNSName entries, RFC 5280 §4.2.1.6), which a renewal orders again.
 */
public record ServedCertificate(X509Certificate certificate, List<String> names) {

    public ServedCertificate {
        names = List.copyOf(names);
    }

    /** The certificate in {@code file}, if there is one; a file that does not read is an error, not absence. */
    public static Optional<ServedCertificate> read(Path file) throws AcmeException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            X509Certificate first = ServerCertificate.read(file).chain().getFirst();
            return Optional.of(new ServedCertificate(first, dnsNames(first)));
        } catch (ConfigException e) {
            throw AcmeException.local(e.getMessage());
        }
    }

    public Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }

    /**
     * What the CA sent, checked before it replaces anything: a chain whose first certificate is for our key,
     * valid now, and names every name ordered.
     */
    static ServedCertificate check(List<X509Certificate> chain, KeyPair key, List<String> names, Instant now,
            String ca) throws AcmeException {
        if (chain.isEmpty()) {
            throw new AcmeException(AcmeException.Kind.REFUSED, "the CA " + ca + " sent no certificate",
                    Optional.empty(), null);
        }
        X509Certificate first = chain.getFirst();
        try {
            first.checkValidity(Date.from(now));
        } catch (CertificateException e) {
            throw new AcmeException(AcmeException.Kind.REFUSED, "the CA " + ca + " sent a certificate not valid "
                    + "now (" + e.getMessage() + ")", Optional.empty(), e);
        }
        if (!first.getPublicKey().equals(key.getPublic())) {
            throw new AcmeException(AcmeException.Kind.REFUSED, "the CA " + ca + " sent a certificate for "
                    + "another key", Optional.empty(), null);
        }
        List<String> certified = dnsNames(first);
        for (String name : names) {
            if (!certified.contains(name.toLowerCase(Locale.ROOT))) {
                throw new AcmeException(AcmeException.Kind.REFUSED, "the CA " + ca + " sent a certificate "
                        + "without " + name + " (it names " + String.join(", ", certified) + ")", Optional.empty(),
                        null);
            }
        }
        return new ServedCertificate(first, certified);
    }

    /** The dNSNames, the subject's common name first when it is one of them (the name the CA put first). */
    private static List<String> dnsNames(X509Certificate certificate) throws AcmeException {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            for (List<?> entry : alternatives == null ? List.<List<?>>of() : alternatives) {
                if (entry.get(0) instanceof Integer type && type == 2 && entry.get(1) instanceof String name) {
                    names.add(name.toLowerCase(Locale.ROOT));                  // RFC 5280: dNSName is type 2
                }
            }
        } catch (CertificateParsingException e) {
            throw AcmeException.local("cannot read the names of the certificate: " + e.getMessage());
        }
        commonName(certificate).filter(names::remove).ifPresent(first -> names.addFirst(first));
        return names;
    }

    private static Optional<String> commonName(X509Certificate certificate) {
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN") && rdn.getValue() instanceof String name) {
                    return Optional.of(name.toLowerCase(Locale.ROOT));
                }
            }
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
