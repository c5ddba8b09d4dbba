package org.godshell.toaster.site.serve;

import java.util.List;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The TLS of the wiki's HTTPS listeners, all of it chosen by the caller (in the toaster, the mail server's
 * ServerTls), so that the wiki offers exactly the versions and suites of the mail ports. Left to itself Jetty
 * would add TLS 1.2 suites with CBC and with finite-field DHE to what the JDK offers (testssl.sh flagged them).
 *
 * @param context      the certificates
 * @param protocols    the TLS versions offered, such as {@code TLSv1.3}
 * @param cipherSuites the suites offered, by their standard names, in the server's order of preference
 */
public record WikiTls(SSLContext context, List<String> protocols, List<String> cipherSuites) {

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

    /** Jetty's view of these settings, for one or more HTTPS connectors. */
    SslContextFactory.Server jettyFactory() {
        SslContextFactory.Server factory = new SslContextFactory.Server();
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
