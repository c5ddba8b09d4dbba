package org.godshell.toaster.doctor;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLSocket;
import org.godshell.toaster.hostcheck.Finding;

/**
 * IMAP, where the installer set up Dovecot for it: IMAPS answers on this host with the toaster's own certificate
 * (a renewal that did not reach Dovecot shows here), and, when asked, a user logs in (AUTHENTICATE PLAIN, RFC 4616,
 * with the initial response of RFC 4959). It trusts whatever the server shows, since it compares that with {@code
 * control/servercert.pem} itself; it sends the password only inside that TLS session, to this host.
 *
 * @param control the toaster's control directory
 * @param server  where IMAPS answers: 127.0.0.1:993 on a host
 * @param login   a user and password to log in with, or empty
 */
public record ImapCheck(Path control, InetSocketAddress server, Optional<Login> login) {

    /** Who logs in; the caller zeroes the password when done. */
    public record Login(String user, char[] password) {}

    private static final int TIMEOUT_MILLIS = 10_000;

    public List<Finding> check() {
        Optional<X509Certificate> ours = ours();
        String where = "IMAPS on " + server.getHostString() + ":" + server.getPort();
        try (Socket plain = new Socket()) {
            plain.connect(server, TIMEOUT_MILLIS);
            plain.setSoTimeout(TIMEOUT_MILLIS);
            SSLSocket tls = LocalTls.handshake(plain, server);
            X509Certificate served = (X509Certificate) tls.getSession().getPeerCertificates()[0];
            Finding certificate = ours.isEmpty()
                    ? Finding.warn(where + " answers; control/servercert.pem cannot be read here to compare (run "
                            + "the doctor as root)")
                    : Arrays.equals(ours.get().getEncoded(), served.getEncoded())
                            ? Finding.ok(where + " serves the toaster's certificate (" + subject(served) + ")")
                            : Finding.fail(where + " serves " + subject(served) + ", not control/servercert.pem: "
                                    + "reload Dovecot (systemctl reload dovecot) and check that "
                                    + "toaster-dovecot-reload.path is enabled");
            return login.isEmpty() ? List.of(certificate) : List.of(certificate, logIn(tls, login.get()));
        } catch (IOException | GeneralSecurityException e) {
            return List.of(Finding.fail(where + " does not answer (" + e.getMessage() + "): see systemctl status "
                    + "dovecot and journalctl -u dovecot"));
        }
    }

    private static Finding logIn(SSLSocket tls, Login login) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(tls.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = tls.getOutputStream();
        String greeting = in.readLine();
        if (greeting == null || !greeting.startsWith("* OK")) {
            return Finding.fail("IMAPS greeted with " + printable(greeting) + " instead of * OK");
        }
        byte[] response = ("\0" + login.user() + "\0" + new String(login.password())).getBytes(StandardCharsets.UTF_8);
        String initial = Base64.getEncoder().encodeToString(response);
        Arrays.fill(response, (byte) 0);
        out.write(("t1 AUTHENTICATE PLAIN " + initial + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String line;
        while ((line = in.readLine()) != null && !line.startsWith("t1 ")) {
            if (line.startsWith("+")) {
                return Finding.fail("IMAPS does not take AUTHENTICATE PLAIN with an initial response (RFC 4959)");
            }
        }
        out.write("t2 LOGOUT\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        if (line != null && line.startsWith("t1 OK")) {
            return Finding.ok("IMAP login as " + login.user() + " works");
        }
        return Finding.fail("IMAP login as " + login.user() + " failed: " + printable(line) + " (wrong password, or "
                + "Dovecot cannot read the passwd file: journalctl -u dovecot)");
    }

    /** The first certificate of control/servercert.pem (the key comes first, then the chain); empty if unread. */
    private Optional<X509Certificate> ours() {
        try {
            String pem = Files.readString(control.resolve("servercert.pem"), StandardCharsets.US_ASCII);
            int begin = pem.indexOf("-----BEGIN CERTIFICATE-----");
            if (begin < 0) {
                return Optional.empty();
            }
            return Optional.of((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(pem.substring(begin).getBytes(StandardCharsets.US_ASCII))));
        } catch (IOException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }

    private static String printable(String line) {
        if (line == null) {
            return "(the connection closed)";
        }
        String shown = line.length() > 200 ? line.substring(0, 200) + "..." : line;
        return "\"" + shown.replaceAll("\\p{Cntrl}", "?") + "\"";
    }
}
