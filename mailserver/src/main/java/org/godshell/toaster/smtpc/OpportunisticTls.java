package org.godshell.toaster.smtpc;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS client of opportunistic STARTTLS between MTAs (RFC 7435 §1.3, RFC 3207 §4.1): encrypt whenever the
 * server offers it, and accept any certificate. This protects against passive eavesdropping, not against an
 * active attacker, who could strip STARTTLS from the EHLO reply anyway; refusing self-signed or mismatched
 * certificates would only push such mail back to plain text, which is worse. Authenticated policies (MTA-STS,
 * DANE) would need a verifying trust manager and are not implemented.
 *
 * <p>TLS 1.3 and 1.2 only (RFC 8996), the JDK's default cipher suites for them.
 */
public final class OpportunisticTls {

    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final SSLSocketFactory factory;

    private OpportunisticTls(SSLSocketFactory factory) {
        this.factory = factory;
    }

    public static OpportunisticTls create() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AcceptAny()}, new SecureRandom());
            return new OpportunisticTls(context.getSocketFactory());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no TLS: " + e.getMessage(), e);
        }
    }

    SSLSocketFactory factory() {
        return factory;
    }

    /** Accepts every server certificate: see the class comment for why that is right here. */
    private static final class AcceptAny extends X509ExtendedTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws
                java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("this is a client-side trust manager");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws
                java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("this is a client-side trust manager");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws
                java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("this is a client-side trust manager");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
