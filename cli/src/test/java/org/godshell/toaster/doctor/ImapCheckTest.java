package org.godshell.toaster.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLSocket;
import org.godshell.toaster.hostcheck.Finding;
import org.godshell.toaster.tls.SelfSigned;
import org.godshell.toaster.tls.ServerTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The doctor's IMAP check against a stand-in IMAPS server on a loopback port: the certificate served compared
 * with control/servercert.pem, a login with AUTHENTICATE PLAIN, and a server that does not answer. The real
 * Dovecot is the installer's {@code RealDovecotTest}'s.
 */
class ImapCheckTest {

    @TempDir
    Path temp;

    /** Serves one IMAPS connection with the certificate of {@code served}; accepts the password "right one!". */
    private InetSocketAddress server(Path served, List<String> seen) throws Exception {
        ServerTls tls = ServerTls.fromControl(served).orElseThrow();
        ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        CompletableFuture.runAsync(() -> {
            try (listener; Socket plain = listener.accept(); SSLSocket session = tls.upgrade(plain)) {
                BufferedReader in = new BufferedReader(new InputStreamReader(session.getInputStream(),
                        StandardCharsets.UTF_8));
                OutputStream out = session.getOutputStream();
                out.write("* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] ready\r\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                String line = in.readLine();
                if (line == null) {
                    return;
                }
                seen.add(line);
                String plainText = new String(Base64.getDecoder().decode(line.substring(line.lastIndexOf(' ') + 1)),
                        StandardCharsets.UTF_8);
                out.write((plainText.equals("\0ann@example.org\0right one!") ? "t1 OK Logged in\r\n"
                        : "t1 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                seen.add(in.readLine());
            } catch (Exception e) {
                seen.add("server: " + e);
            }
        });
        return new InetSocketAddress("127.0.0.1", listener.getLocalPort());
    }

    private Path control(String name) throws Exception {
        Path control = Files.createDirectories(temp.resolve(name));
        Files.writeString(control.resolve("servercert.pem"), SelfSigned.create(name + ".example.org"));
        return control;
    }

    @Test
    void theToastersCertificateAndAWorkingLogin() throws Exception {
        Path control = control("mail");
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Finding> findings = new ImapCheck(control, server(control, seen), Optional.of(new ImapCheck.Login(
                "ann@example.org", "right one!".toCharArray()))).check();
        assertEquals(List.of(Finding.Level.OK, Finding.Level.OK), findings.stream().map(Finding::level).toList(),
                findings.toString());
        assertTrue(findings.get(0).message().contains("serves the toaster's certificate (CN=mail.example.org)"),
                findings.get(0).message());
        assertEquals("IMAP login as ann@example.org works", findings.get(1).message());
        assertTrue(seen.get(0).startsWith("t1 AUTHENTICATE PLAIN "), "the password only as SASL PLAIN in TLS: "
                + seen);
    }

    @Test
    void anotherCertificateAndAWrongPasswordFail() throws Exception {
        Path control = control("mail");
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Finding> findings = new ImapCheck(control, server(control("stale"), seen), Optional.of(
                new ImapCheck.Login("ann@example.org", "wrong one!".toCharArray()))).check();
        assertEquals(List.of(Finding.Level.FAIL, Finding.Level.FAIL), findings.stream().map(Finding::level).toList(),
                findings.toString());
        assertTrue(findings.get(0).message().contains("CN=stale.example.org, not control/servercert.pem"),
                findings.get(0).message());
        assertTrue(findings.get(1).message().contains("NO [AUTHENTICATIONFAILED]"), findings.get(1).message());
    }

    @Test
    void nothingListeningIsOneFailureNamingDovecot() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        List<Finding> findings = new ImapCheck(control("mail"), new InetSocketAddress("127.0.0.1", closed),
                Optional.empty()).check();
        assertEquals(1, findings.size());
        assertEquals(Finding.Level.FAIL, findings.get(0).level());
        assertTrue(findings.get(0).message().contains("systemctl status dovecot"), findings.get(0).message());
    }
}
