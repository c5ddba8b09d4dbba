package org.godshell.toaster.dane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetAddress;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.godshell.toaster.tlsrpt.ResultType;
import org.junit.jupiter.api.Test;

/** The trust manager inside a real TLS handshake on loopback: JSSE calls it, and a refusal keeps its result type. */
class DaneHandshakeTest {

    @Test
    void aMatchingKeyCompletesTheHandshakeAndAnotherIsRefusedWithTlsaInvalid() throws Exception {
        TestCertificates server = TestCertificates.selfSigned("mx.signed.test");
        TestCertificates other = TestCertificates.selfSigned("mx.signed.test");
        handshake(server, new Tlsa(3, 1, 1, server.spkiSha256()));
        IOException refused = assertThrows(IOException.class, () -> handshake(server, new Tlsa(3, 1, 1,
                other.spkiSha256())));
        assertEquals(ResultType.TLSA_INVALID, DaneFailure.of(refused).orElseThrow().result());
    }

    private static void handshake(TestCertificates server, Tlsa record) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", server.keys().getPrivate(), new char[0], new Certificate[] {server.certificate()});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, new char[0]);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keys.getKeyManagers(), null, null);
        SSLContext clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, new TrustManager[] {new DaneTrustManager(
                new DaneVerdict.Authenticate(List.of(record), List.of("mx.signed.test")))}, null);
        try (SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread accept = Thread.ofVirtual().start(() -> {
                try (SSLSocket peer = (SSLSocket) listener.accept()) {
                    peer.startHandshake();
                } catch (IOException e) {
                    // the client refused the certificate: what the failing case expects
                }
            });
            try (SSLSocket client = (SSLSocket) clientContext.getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                client.startHandshake();
            } finally {
                accept.join();
            }
        }
    }
}
