package org.godshell.toaster.doctor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A TLS client for the checks that speak to this host's own TLS ports (IMAPS, the metrics endpoint): it takes
 * whatever certificate the port shows, since the port is this host's and a check that cares about the
 * certificate compares it with {@code control/servercert.pem} itself.
 */
final class LocalTls {

    private LocalTls() {
    }

    static SSLSocket handshake(Socket plain, InetSocketAddress server) throws IOException, GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new Whatever()}, null);
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, server.getHostString(),
                server.getPort(), true);
        tls.startHandshake();
        return tls;
    }

    /** Takes any certificate: the check compares the one served with the toaster's own, or does not need to. */
    private static final class Whatever implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            // Only ever a client's trust manager: no client certificate is asked for, so none is trusted.
            throw new CertificateException("this side is the client");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // this host's own port: compared with control/servercert.pem by the check that cares
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
