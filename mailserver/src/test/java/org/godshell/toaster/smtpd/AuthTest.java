package org.godshell.toaster.smtpd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.godshell.toaster.auth.AuthThrottle;
import org.godshell.toaster.auth.Authenticator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SMTP AUTH (RFC 4954) over STARTTLS with a real JDK TLS client; passwords checked by a two-user directory. */
class AuthTest {

    private static final Authenticator USERS = (user, password) -> Map.of(
            "bob@local.test", "correct horse", "blocked@local.test", "battery staple")
            .getOrDefault(user, "\0no user\0").equals(new String(password));

    @TempDir
    Path root;

    @BeforeAll
    static void certificate() throws Exception {
        StartTlsTest.certificate();
    }

    private TestServer server(String... control) throws Exception {
        Map<String, String> files = TestServer.defaults();
        files.put("servercert.pem", StartTlsTest.pem);
        for (int i = 0; i < control.length; i += 2) {
            files.put(control[i], control[i + 1]);
        }
        Map<String, String> programs = Map.of("plugins/auth",
                "#!/bin/sh\ncase \"$SMTPAUTHUSER\" in blocked@*) printf 'E535 5.7.8 account disabled\\n';; esac\n");
        Logins logins = new Logins(Optional.of(USERS), new AuthThrottle(Clock.systemUTC(), Duration.ZERO),
                List.of());
        return new TestServer(root, files, programs, logins);
    }

    /** A client that has done STARTTLS and EHLO: its streams, and the EHLO reply lines. */
    record Client(Socket tls, InputStream in, OutputStream out, List<String> ehlo) implements AutoCloseable {
        String say(String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return DialogueTest.readLine(in);
        }

        @Override
        public void close() throws IOException {
            tls.close();
        }
    }

    static Client connect(TestServer server) throws Exception {
        return connect(server, 5000);
    }

    /** {@code timeoutMillis}: how long a read waits for the server. */
    static Client connect(TestServer server, int timeoutMillis) throws Exception {
        Socket plain = new Socket(server.address().getAddress(), server.address().getPort());
        plain.setSoTimeout(timeoutMillis);
        DialogueTest.readLine(plain.getInputStream());
        plain.getOutputStream().write("STARTTLS\r\n".getBytes(StandardCharsets.US_ASCII));
        DialogueTest.readLine(plain.getInputStream());
        Socket tls = StartTlsTest.handshake(plain);
        InputStream in = tls.getInputStream();
        OutputStream out = tls.getOutputStream();
        out.write("EHLO client.example\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        List<String> ehlo = new ArrayList<>();
        String line;
        do {
            line = DialogueTest.readLine(in);
            ehlo.add(line);
        } while (line.startsWith("250-"));
        return new Client(tls, in, out, ehlo);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void notOfferedNorAcceptedWithoutTls() throws Exception {
        try (TestServer server = server(); Socket plain = new Socket(server.address().getAddress(),
                server.address().getPort())) {
            plain.setSoTimeout(5000);
            InputStream in = plain.getInputStream();
            DialogueTest.readLine(in);
            plain.getOutputStream().write("EHLO a\r\nAUTH PLAIN AGJvYkBsb2NhbC50ZXN0AGNvcnJlY3QgaG9yc2U=\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                lines.add(DialogueTest.readLine(in));
            }
            assertTrue(lines.stream().noneMatch(l -> l.contains("AUTH")), lines.toString());
            assertTrue(lines.contains("538 5.7.11 encryption required for requested authentication mechanism (#5.7.11)"),
                    lines.toString());
        }
    }

    @Test
    void plainWithAnInitialResponseLetsTheUserRelay() throws Exception {
        try (TestServer server = server(); Client client = connect(server)) {
            assertTrue(client.ehlo().contains("250 AUTH PLAIN LOGIN SCRAM-SHA-256"), client.ehlo().toString());
            assertEquals("235 2.7.0 authentication successful",
                    client.say("AUTH PLAIN " + base64("\0bob@local.test\0correct horse")));
            assertEquals("503 5.5.1 already authenticated (#5.5.1)", client.say("AUTH PLAIN " + base64("\0x\0y")));
            assertTrue(client.say("MAIL FROM:<bob@local.test>").startsWith("250 "));
            assertEquals("250 2.1.5 ok", client.say("RCPT TO:<friend@far.test>"), "an authenticated user may relay");
            client.say("DATA");
            client.out().write("Subject: relayed\r\n\r\nhi\r\n.\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(DialogueTest.readLine(client.in()).startsWith("250 2.0.0 ok "));
            try (InputStream message = server.queue.read(server.queue.list().get(0)).openMessage()) {
                String text = new String(message.readAllBytes(), StandardCharsets.US_ASCII);
                assertTrue(text.contains(" with ESMTPSA (TLSv1."), text);
            }
            assertTrue(server.log().contains("auth ok client=127.0.0.1 user=bob@local.test mechanism=PLAIN"));
        }
    }

    @Test
    void loginMechanismStepByStep() throws Exception {
        try (TestServer server = server(); Client client = connect(server)) {
            assertEquals("334 VXNlcm5hbWU6", client.say("AUTH LOGIN"));
            assertEquals("334 UGFzc3dvcmQ6", client.say(base64("bob@local.test")));
            assertEquals("235 2.7.0 authentication successful", client.say(base64("correct horse")));
        }
    }

    @Test
    void refusalsAndMalformedInput() throws Exception {
        try (TestServer server = server(); Client client = connect(server)) {
            assertEquals("535 5.7.8 authentication failed (#5.7.8)",
                    client.say("AUTH PLAIN " + base64("\0bob@local.test\0wrong")));
            assertEquals("535 5.7.8 authentication failed (#5.7.8)",
                    client.say("AUTH PLAIN " + base64("\0nobody@local.test\0correct horse")),
                    "an unknown user gets the same answer as a wrong password");
            assertEquals("535 5.7.8 authentication failed (#5.7.8)",
                    client.say("AUTH PLAIN " + base64("admin@local.test\0bob@local.test\0correct horse")),
                    "PLAIN with an authorization identity other than the login");
            assertEquals("334 ", client.say("AUTH PLAIN"));
            assertEquals("501 5.0.0 auth exchange cancelled (#5.0.0)", client.say("*"));
            assertEquals("501 5.5.2 malformed auth input (#5.5.2)", client.say("AUTH PLAIN not*base64!"));
            assertEquals("501 5.5.2 malformed auth input (#5.5.2)", client.say("AUTH PLAIN " + base64("no nul here")));
            assertEquals("504 5.5.4 unrecognized authentication type (#5.5.4)", client.say("AUTH CRAM-MD5"));
            assertTrue(client.say("MAIL FROM:<a@x.test>").startsWith("250 "));
            assertEquals("503 5.5.1 no AUTH during a mail transaction (#5.5.1)", client.say("AUTH LOGIN"));
            assertTrue(server.log().contains("auth failed client=127.0.0.1 user=nobody@local.test mechanism=PLAIN"));
            assertTrue(!server.log().contains("correct horse") && !server.log().contains("wrong"), "no password logged");
        }
    }

    @Test
    void theAuthPluginsCanRefuseALogin() throws Exception {
        try (TestServer server = server("smtpplugins", "[auth]\nplugins/auth\n"); Client client = connect(server)) {
            assertEquals("535 5.7.8 account disabled",
                    client.say("AUTH PLAIN " + base64("\0blocked@local.test\0battery staple")));
            assertTrue(client.say("MAIL FROM:<a@x.test>").startsWith("250 "));
            assertTrue(client.say("RCPT TO:<x@far.test>").startsWith("553 "), "the refused login gives no relaying");
            client.say("RSET");
            assertEquals("235 2.7.0 authentication successful",
                    client.say("AUTH PLAIN " + base64("\0bob@local.test\0correct horse")));
        }
    }

    @Test
    void guessingIsCutOffAndTheAddressCoolsDown() throws Exception {
        try (TestServer server = server(); Client client = connect(server)) {
            String reply = "";
            int tries = 0;
            while (!reply.startsWith("421") && tries < 20) {
                reply = client.say("AUTH PLAIN " + base64("\0bob@local.test\0guess" + tries++));
            }
            assertEquals("421 4.7.0 too many failed logins, try again later (#4.7.0)", reply);
            assertEquals(10, tries);
            assertEquals(null, DialogueTest.readLine(client.in()), "disconnected");
            try (Client again = connect(server)) {
                assertEquals("421 4.7.0 too many failed logins, try again later (#4.7.0)",
                        again.say("AUTH PLAIN " + base64("\0bob@local.test\0correct horse")),
                        "even the right password waits for the cooling period");
            }
        }
    }

    @Test
    void onTheSubmissionPortMailNeedsALogin() throws Exception {
        Map<String, String> files = TestServer.defaults();
        files.put("servercert.pem", StartTlsTest.pem);
        Logins logins = new Logins(Optional.of(USERS), new AuthThrottle(Clock.systemUTC(), Duration.ZERO),
                List.of(new java.net.InetSocketAddress("127.0.0.1", 0)));
        try (TestServer server = new TestServer(root, files, Map.of(), logins);
                Socket plain = new Socket("127.0.0.1", server.server.addresses().get(1).getPort())) {
            plain.setSoTimeout(5000);
            DialogueTest.readLine(plain.getInputStream());
            plain.getOutputStream().write("STARTTLS\r\n".getBytes(StandardCharsets.US_ASCII));
            DialogueTest.readLine(plain.getInputStream());
            try (Socket tls = StartTlsTest.handshake(plain)) {
                Client client = new Client(tls, tls.getInputStream(), tls.getOutputStream(), List.of());
                for (String line = client.say("EHLO a"); line.startsWith("250-"); line = DialogueTest.readLine(client.in())) {
                    assertTrue(line.length() > 4);
                }
                assertEquals("530 5.7.0 authentication required (#5.7.0)", client.say("MAIL FROM:<bob@local.test>"));
                assertEquals("235 2.7.0 authentication successful",
                        client.say("AUTH PLAIN " + base64("\0bob@local.test\0correct horse")));
                assertTrue(client.say("MAIL FROM:<bob@local.test>").startsWith("250 "));
            }
        }
    }
}
