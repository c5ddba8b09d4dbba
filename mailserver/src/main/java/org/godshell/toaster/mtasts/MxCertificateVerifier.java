package org.godshell.toaster.mtasts;

import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.X509ExtendedTrustManager;
import org.godshell.toaster.smtpc.ServerTrust;

/**
 * The MX certificate check of RFC 8461 §4.2: the chain is PKIX-valid against {@link WebPki}, and the leaf
 * names the MX host in a subjectAltName DNS-ID, a wildcard only as the whole leftmost label. The subject's CN
 * is not looked at (RFC 6125 §6.4.4 allows it only without DNS-IDs; §4.2 asks for a DNS-ID). One instance per
 * MX host; thread-safe.
 */
public final class MxCertificateVerifier extends ServerTrust {

    /** subjectAltName's dNSName (RFC 5280 §4.2.1.6). */
    private static final int DNS_NAME = 2;

    private final X509ExtendedTrustManager pkix;
    private final String host;

    public MxCertificateVerifier(WebPki trust, String host) {
        this.pkix = trust.trustManager();
        this.host = host;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the host sent no certificate");
        }
        // The JDK's path builder reports an expired leaf only as "no path"; TLS-RPT tells them apart (RFC 8460
        // §4.3.1: certificate-expired), so the dates are checked first.
        chain[0].checkValidity();
        // Without a socket the JDK checks the path only; the name is ours to check, against the MX host.
        pkix.checkServerTrusted(chain, authType);
        List<String> names = dnsNames(chain[0]);
        if (names.stream().noneMatch(name -> HostNames.matches(name, host))) {
            throw new CertificateNameException("the certificate does not name " + host + " (it names "
                    + (names.isEmpty() ? "no DNS name" : String.join(", ", names.stream().limit(5).toList())
                    + (names.size() > 5 ? ", ..." : "")) + ")");
        }
    }

    static List<String> dnsNames(X509Certificate certificate) throws CertificateParsingException {
        Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
        List<String> names = new ArrayList<>();
        if (alternatives != null) {
            for (List<?> alternative : alternatives) {
                if (alternative.size() == 2 && alternative.get(0) instanceof Integer type && type == DNS_NAME
                        && alternative.get(1) instanceof String name) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pkix.getAcceptedIssuers();
    }
}
