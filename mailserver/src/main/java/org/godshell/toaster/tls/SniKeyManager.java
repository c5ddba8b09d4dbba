package org.godshell.toaster.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Chooses the certificate by the host name the client asked for with SNI (RFC 6066 §3): the first certificate
 * whose DNS names (subjectAltName, RFC 6125 §6.4, with a leftmost {@code *} label) match it, else the default
 * {@code servercert.pem}. Keyed by alias: {@value #DEFAULT} for the default, the file name for the others.
 */
final class SniKeyManager extends X509ExtendedKeyManager {

    static final String DEFAULT = "default";

    private final Map<String, ServerCertificate> certificates;

    /** {@code certificates} in the order they are tried; must hold {@value #DEFAULT}. */
    SniKeyManager(Map<String, ServerCertificate> certificates) {
        this.certificates = certificates;
    }

    /** The certificates by alias, in the order they are tried. */
    Map<String, ServerCertificate> certificates() {
        return java.util.Collections.unmodifiableMap(certificates);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return socket instanceof SSLSocket tls && tls.getHandshakeSession() instanceof ExtendedSSLSession session
                ? choose(session.getRequestedServerNames()) : DEFAULT;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return engine.getHandshakeSession() instanceof ExtendedSSLSession session
                ? choose(session.getRequestedServerNames()) : DEFAULT;
    }

    String choose(List<SNIServerName> requested) {
        for (SNIServerName name : requested) {
            if (name instanceof SNIHostName host) {
                String wanted = host.getAsciiName().toLowerCase(Locale.ROOT);
                for (Map.Entry<String, ServerCertificate> entry : certificates.entrySet()) {
                    if (names(entry.getValue().chain().get(0)).stream().anyMatch(n -> matches(n, wanted))) {
                        return entry.getKey();
                    }
                }
            }
        }
        return DEFAULT;
    }

    static List<String> names(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            if (certificate.getSubjectAlternativeNames() != null) {
                for (List<?> name : certificate.getSubjectAlternativeNames()) {
                    if (Integer.valueOf(2).equals(name.get(0)) && name.get(1) instanceof String dns) {
                        names.add(dns.toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return List.of();
        }
        return names;
    }

    /** RFC 6125 §6.4.3: a {@code *} stands for exactly one leftmost label. */
    static boolean matches(String pattern, String host) {
        if (pattern.startsWith("*.")) {
            int dot = host.indexOf('.');
            return dot > 0 && host.substring(dot).equals(pattern.substring(1));
        }
        return pattern.equals(host);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        ServerCertificate certificate = certificates.get(alias);
        return certificate == null ? null : certificate.chain().toArray(X509Certificate[]::new);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        ServerCertificate certificate = certificates.get(alias);
        return certificate == null ? null : certificate.key();
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return certificates.keySet().toArray(String[]::new);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
