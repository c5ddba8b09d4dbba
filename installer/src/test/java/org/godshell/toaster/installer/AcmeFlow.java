package org.godshell.toaster.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.godshell.toaster.acme.PebbleCa;
import org.godshell.toaster.dns.FixtureDns;

/**
 * Issue 22's {@code --acme} on the systemd host: a rerun of the installer with {@code --acme} gets the host's
 * certificate from Pebble (Let's Encrypt's test CA, run by this test on this machine, whose network the
 * container shares), answering its HTTP-01 challenge through the installed wiki on port 80; then SMTPS, POP3S,
 * the wiki's HTTPS and Dovecot's IMAPS all serve it, none of them restarted, and the files are the daemons'.
 *
 * <p>Pebble asks a fixture DNS in this JVM for the host name's address (loopback); the toaster itself needs no
 * DNS for its host name, and leaves out the mta-sts and autoconfig names, whose DNS points nowhere.
 */
final class AcmeFlow {

    private static final String HOST = "mail.example.test";
    private static final String ANCHOR = "/root/pebble-ca.pem";
    private static final List<Integer> TLS_PORTS = List.of(465, 995, 443, 993);

    private AcmeFlow() {
    }

    static void run(ContainerShell container, String installer, Path temp) throws Exception {
        PebbleCa.require();
        try (FixtureDns dns = new FixtureDns().a(HOST + ".", "127.0.0.1");
             PebbleCa pebble = PebbleCa.start(Files.createDirectories(temp.resolve("pebble")), 80,
                     "127.0.0.1:" + dns.address().getPort(), Duration.ofDays(90))) {
            container.sh("printf '%s' '" + Files.readString(pebble.anchor()) + "' > " + ANCHOR);
            String out = container.sh("java -jar " + installer + " --yes --acme admin@example.test --agree-tos"
                    + " --acme-directory " + pebble.directory() + " --acme-ca " + ANCHOR);
            assertTrue(out.contains("acme-certificate"), out);
            assertEquals("acme/servercert.pem", container.sh("readlink /opt/toaster/control/servercert.pem"), out);
            assertEquals("toaster 600", container.sh("stat -c '%U %a' /opt/toaster/control/acme/servercert.pem"));
            assertEquals("", container.sh("find /opt/toaster/control/acme ! -user toaster"),
                    "everything ACME wrote as root belongs to the daemons that renew it");
            X509Certificate root = pebble.root();
            for (int port : TLS_PORTS) {
                awaitIssuedBy(port, root);
            }
        }
    }

    /** The certificate {@code port} serves chains up to {@code root}, within a minute (Dovecot reloads by a path unit). */
    private static void awaitIssuedBy(int port, X509Certificate root) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String last;
        while (true) {
            List<X509Certificate> chain = served(port);
            last = chain.getFirst().getSubjectX500Principal() + " issued by " + chain.getFirst()
                    .getIssuerX500Principal();
            if (chain.size() > 1 && chain.getFirst().getIssuerX500Principal().equals(
                    chain.get(1).getSubjectX500Principal()) && signedBy(chain.getLast(), root)) {
                assertTrue(chain.getFirst().getSubjectAlternativeNames().toString().contains(HOST), last);
                System.out.println("acme: port " + port + " serves " + last + " (Pebble's)");
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("port " + port + " still serves " + last + ", not Pebble's certificate");
            }
            Thread.sleep(500);                                          // a poll interval, not a wait for an event
        }
    }

    private static boolean signedBy(X509Certificate certificate, X509Certificate root) {
        try {
            certificate.verify(root.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** The chain a TLS-on-connect port presents; any chain is read, none is trusted. */
    private static List<X509Certificate> served(int port) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new Reader()}, new SecureRandom());
        try (Socket plain = new Socket("127.0.0.1", port);
             SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, HOST, port, true)) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            Certificate[] chain = socket.getSession().getPeerCertificates();
            return Arrays.stream(chain).map(X509Certificate.class::cast).toList();
        }
    }

    /** Reads the server's chain without judging it: the test judges it against Pebble's root. */
    private static final class Reader implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType)
                throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("a client-side trust manager");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
