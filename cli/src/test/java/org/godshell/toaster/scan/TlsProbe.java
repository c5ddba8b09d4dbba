package org.godshell.toaster.scan;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import javax.net.ssl.SSLSocket;
import org.godshell.toaster.reload.Await;
import org.godshell.toaster.tls.TrustOnly;

/**
 * A TLS 1.2 client of one of the toaster's ports with TLS on connect (TLS 1.2: TLS 1.3 has no renegotiation and
 * fixed suites), trusting exactly the test's certificate: what a scanner's openssl does, without the scanner.
 */
final class TlsProbe {

    private TlsProbe() {
    }

    /** The suite the port agrees on with a client offering only {@code suite}; throws when it agrees on none. */
    static String suite(ScannedToaster toaster, int port, String suite) throws Exception {
        try (SSLSocket tls = connect(toaster, port)) {
            tls.setEnabledCipherSuites(new String[] {suite});
            tls.startHandshake();
            return tls.getSession().getCipherSuite();
        }
    }

    /**
     * What ends a connection on which the client, after the first handshake, starts a second one: the exception
     * it then gets (a refusing server's alert), or "end of stream" when the server just closes.
     */
    static String renegotiation(ScannedToaster toaster, int port) throws Exception {
        try (SSLSocket tls = connect(toaster, port)) {
            tls.startHandshake();
            tls.startHandshake();
            tls.getInputStream().transferTo(OutputStream.nullOutputStream());     // a greeting, if any
            return "end of stream";
        } catch (SocketTimeoutException e) {
            return "no answer within " + Await.PATIENCE.toSeconds() + " s";
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static SSLSocket connect(ScannedToaster toaster, int port) throws Exception {
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress("127.0.0.1", port), (int) Await.PATIENCE.toMillis());
            plain.setSoTimeout((int) Await.PATIENCE.toMillis());        // a safety net only: answers come at once
            SSLSocket tls = (SSLSocket) TrustOnly.certificateIn(toaster.certificate).getSocketFactory()
                    .createSocket(plain, ScannedToaster.HOST, port, true);
            tls.setEnabledProtocols(new String[] {"TLSv1.2"});
            return tls;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }
}
