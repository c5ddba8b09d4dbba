package org.godshell.toaster.site.tlsalpn;

import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;

/**
 * The ALPN side of TLS-ALPN-01 (RFC 8737 §3), for {@link SSLEngine#setHandshakeApplicationProtocolSelector}: a
 * client offering {@code acme-tls/1} gets it, every other client gets no ALPN at all, as before (the wiki speaks
 * HTTP/1.1 only, and without ALPN a client assumes it).
 *
 * <p>The JDK selects the protocol while it writes the ServerHello's extensions (TLS 1.2) or the
 * EncryptedExtensions (TLS 1.3), and asks the key manager for a certificate after the first in TLS 1.2 but after
 * the second in TLS 1.3. So only in TLS 1.3 does {@link AcmeTlsAlpnKeyManager} know, when it chooses, that
 * {@code acme-tls/1} was negotiated; a TLS 1.2 handshake offering it is refused with no_application_protocol
 * (RFC 7301 §3.2) rather than completed with the server's own certificate, which the CA would reject anyway.
 * Let's Encrypt and Pebble validate over TLS 1.3.
 */
public final class AcmeTlsAlpn {

    /** RFC 8737 §6.2. */
    public static final String PROTOCOL = "acme-tls/1";

    private AcmeTlsAlpn() {
    }

    /** The selector: {@code acme-tls/1} when offered over TLS 1.3, a failed handshake under TLS 1.2, else none. */
    public static String select(SSLEngine engine, List<String> offered) {
        if (!offered.contains(PROTOCOL)) {
            return "";
        }
        SSLSession session = engine.getHandshakeSession();
        return session != null && "TLSv1.3".equals(session.getProtocol()) ? PROTOCOL : null;
    }

    /** Whether {@code engine}'s handshake negotiated (or is negotiating) {@code acme-tls/1}. */
    public static boolean negotiated(SSLEngine engine) {
        return PROTOCOL.equals(engine.getHandshakeApplicationProtocol())
                || PROTOCOL.equals(engine.getApplicationProtocol());
    }
}
