package org.godshell.toaster.site.serve;

import java.security.GeneralSecurityException;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedKeyManager;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.godshell.toaster.site.tlsalpn.AcmeTlsAlpn;
import org.godshell.toaster.site.tlsalpn.AcmeTlsAlpnKeyManager;
import org.godshell.toaster.site.tlsalpn.ValidationCertificates;

/**
 * The TLS of the wiki's HTTPS listeners, all of it chosen by the caller (in the toaster, the mail server's
 * ServerTls), so that the wiki offers exactly the versions and suites of the mail ports. Left to itself Jetty
 * would add TLS 1.2 suites with CBC and with finite-field DHE to what the JDK offers (testssl.sh flagged them).
 *
 * @param context      the certificates
 * @param protocols    the TLS versions offered, such as {@code TLSv1.3}
 * @param cipherSuites the suites offered, by their standard names, in the server's order of preference
 * @param acmeTlsAlpn  whether a client offering ALPN {@code acme-tls/1} gets it (RFC 8737), and after the
 *                     handshake a closed connection; {@code context} is then one of {@link #acmeTlsAlpnContext}
 */
public record WikiTls(SSLContext context, List<String> protocols, List<String> cipherSuites, boolean acmeTlsAlpn) {

    /** Without TLS-ALPN-01. */
    public WikiTls(SSLContext context, List<String> protocols, List<String> cipherSuites) {
        this(context, protocols, cipherSuites, false);
    }

    /** The JVM switch with which the JDK itself refuses a client's renegotiation (ServerTls sets it). */
    static final String JDK_REFUSES_RENEGOTIATION = "jdk.tls.rejectClientInitiatedRenegotiation";

    public WikiTls {
        protocols = List.copyOf(protocols);
        cipherSuites = List.copyOf(cipherSuites);
        if (protocols.isEmpty() || cipherSuites.isEmpty()) {
            throw new IllegalArgumentException("HTTPS needs at least one TLS version and one cipher suite");
        }
        for (String suite : cipherSuites) {
            // Jetty reads each name as a regular expression: a plain name matches only itself.
            if (!suite.matches("[A-Za-z0-9_]+")) {
                throw new IllegalArgumentException("not a cipher suite name: " + suite);
            }
        }
    }

    /**
     * A context that presents {@code serverKeys}' certificates, but to a client negotiating {@code acme-tls/1}
     * the validation certificate an ACME client wrote in {@code validations} for the SNI name.
     */
    public static SSLContext acmeTlsAlpnContext(X509ExtendedKeyManager serverKeys, ValidationCertificates validations)
            throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {new AcmeTlsAlpnKeyManager(serverKeys, validations)}, null, null);
        return context;
    }

    /**
     * Closes a connection that negotiated {@code acme-tls/1} as soon as its handshake is done: it carries no
     * HTTP, the handshake was the whole answer (RFC 8737 §4). Jetty closes the connection on this exception.
     */
    static final SslHandshakeListener CLOSE_AFTER_ACME_TLS_ALPN = new SslHandshakeListener() {
        @Override
        public void handshakeSucceeded(Event event) throws SSLException {
            if (AcmeTlsAlpn.negotiated(event.getSSLEngine())) {
                throw new SSLException("acme-tls/1 handshake done: no application data (RFC 8737 §4)");
            }
        }
    };

    /** Jetty's view of these settings, for one or more HTTPS connectors. */
    SslContextFactory.Server jettyFactory() {
        SslContextFactory.Server factory = new SslContextFactory.Server() {
            @Override
            public void customize(SSLEngine engine) {
                super.customize(engine);
                if (acmeTlsAlpn) {
                    engine.setHandshakeApplicationProtocolSelector(AcmeTlsAlpn::select);
                }
            }
        };
        factory.setSslContext(context);
        factory.setIncludeProtocols(protocols.toArray(String[]::new));
        factory.setIncludeCipherSuites(cipherSuites.toArray(String[]::new));
        // Who refuses a client's renegotiation of TLS 1.2 (issue 18 §3; TLS 1.3 has none). With the JDK's switch
        // on, the JDK does, with a fatal handshake_failure alert as on the mail ports, so Jetty must let the new
        // ClientHello through to it. Otherwise Jetty does: it stops reading and closes with a close_notify, which
        // testssl.sh 3.0 can mistake for a renegotiation that went through. The JDK reads its switch once, at the
        // first server handshake of the JVM; ServerTls sets it when loaded, before the toaster makes any context.
        factory.setRenegotiationAllowed(Boolean.getBoolean(JDK_REFUSES_RENEGOTIATION));
        return factory;
    }
}
