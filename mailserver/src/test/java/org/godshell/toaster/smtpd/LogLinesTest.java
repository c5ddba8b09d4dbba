package org.godshell.toaster.smtpd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.godshell.toaster.auth.AuthThrottle;
import org.godshell.toaster.auth.Authenticator;
import org.godshell.toaster.filter.rspamd.JsonReading;
import org.godshell.toaster.logline.Fail2banRegex;
import org.godshell.toaster.logline.Fail2banServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The log of real SMTP sessions, in both formats of control/logformat, read by the shipped fail2ban filter with
 * Debian's fail2ban-regex: it matches every failed and refused login and every session closed for too many
 * errors, at the address the PROXY header gave, and never at an address a client wrote into a user or HELO name.
 */
class LogLinesTest {

    private static final String FORGED = "203.0.113.9";
    private static final Authenticator USERS = (user, password) -> user.equals("bob@local.test")
            && new String(password).equals("correct horse");

    @TempDir
    Path root;

    @BeforeAll
    static void certificate() throws Exception {
        StartTlsTest.certificate();
    }

    private TestServer server(String format) throws Exception {
        Map<String, String> files = TestServer.defaults();
        files.put("servercert.pem", StartTlsTest.pem);
        files.put("proxyfrom", "127.0.0.1\n");
        files.put("logformat", format + "\n");
        // No delay per failure; the counting and the block after 10 are the real ones.
        Logins logins = new Logins(Optional.of(USERS), new AuthThrottle(Clock.systemUTC(), Duration.ZERO), List.of());
        return new TestServer(root, files, Map.of(), logins);
    }

    /** A session from {@code client} (through the PROXY header of a trusted proxy): greeting read, nothing else. */
    private record Client(Socket socket, InputStream in, OutputStream out) implements AutoCloseable {

        static Client from(TestServer server, String client) throws IOException {
            Socket socket = new Socket(server.address().getAddress(), server.address().getPort());
            socket.setSoTimeout(5000);
            String header = client.contains(":") ? "PROXY TCP6 " + client + " ::1 5555 25\r\n"
                    : "PROXY TCP4 " + client + " 127.0.0.1 5555 25\r\n";
            socket.getOutputStream().write(header.getBytes(StandardCharsets.US_ASCII));
            Client plain = new Client(socket, socket.getInputStream(), socket.getOutputStream());
            assertTrue(plain.read().startsWith("220 "));
            return plain;
        }

        /** STARTTLS, then EHLO {@code helo}. */
        Client tls(String helo) throws Exception {
            assertTrue(say("STARTTLS").startsWith("220 "));
            Socket tls = StartTlsTest.handshake(socket);
            Client secure = new Client(tls, tls.getInputStream(), tls.getOutputStream());
            String line = secure.say("EHLO " + helo);
            while (line.startsWith("250-")) {
                line = secure.read();
            }
            assertTrue(line.startsWith("250 "), line);
            return secure;
        }

        String say(String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return read();
        }

        String read() throws IOException {
            return DialogueTest.readLine(in);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static String plain(String user, String password) {
        return "AUTH PLAIN " + Base64.getEncoder().encodeToString(("\0" + user + "\0" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The sessions: three failures with forged user names, a HELO name that names another client, a failure
     * over IPv6, a password guesser blocked after 10, and a client that collects 20 errors.
     */
    private static void traffic(TestServer server) throws Exception {
        try (Client client = Client.from(server, "192.0.2.7").tls("client.example")) {
            for (String user : List.of("x client=" + FORGED, "x\",\"client\":\"" + FORGED,
                    "x\r\n2026-11-26T14:10:00Z smtpd[x] auth failed client=" + FORGED)) {
                assertTrue(client.say(plain(user, "guess")).startsWith("535 "));
            }
        }
        try (Client client = Client.from(server, "198.51.100.4").tls("client=" + FORGED)) {
            assertTrue(client.say(plain("bob@local.test", "wrong")).startsWith("535 "));
            assertTrue(client.say(plain("bob@local.test", "correct horse")).startsWith("235 "));
            assertTrue(client.say("MAIL FROM:<auth failed client=" + FORGED + "@x.test>").startsWith("5"));
            assertTrue(client.say("MAIL FROM:<bob@local.test>").startsWith("250 "));
            assertTrue(client.say("RCPT TO:<friend@example.org>").startsWith("250 "));
            assertTrue(client.say("DATA").startsWith("354 "));
            assertTrue(client.say("Subject: client=" + FORGED + "\r\n\r\nhi\r\n.").startsWith("250 "));
        }
        try (Client client = Client.from(server, "2001:db8::7").tls("[IPv6:2001:db8::7]")) {
            assertTrue(client.say(plain("bob@local.test", "wrong")).startsWith("535 "));
        }
        try (Client client = Client.from(server, "192.0.2.8").tls("guesser.example")) {
            for (int i = 1; i < 10; i++) {
                assertTrue(client.say(plain("bob@local.test", "guess" + i)).startsWith("535 "));
            }
            assertTrue(client.say(plain("bob@local.test", "guess10")).startsWith("421 "));
        }
        try (Client client = Client.from(server, "192.0.2.8").tls("guesser.example")) {
            assertTrue(client.say(plain("bob@local.test", "correct horse")).startsWith("421 "));
        }
        try (Client client = Client.from(server, "203.0.113.50")) {
            for (int i = 1; i < Session.MAX_ERRORS; i++) {
                assertTrue(client.say("BOGUS client=" + FORGED).startsWith("5"));
            }
            assertTrue(client.say("BOGUS").startsWith("5"));
            assertTrue(client.read().startsWith("421 "));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "json"})
    void theShippedFilterMatchesEveryAbuseLineAtTheClientsAddressOnly(String format) throws Exception {
        Fail2banRegex.require();
        String log;
        try (TestServer server = server(format)) {
            traffic(server);
            TestServer.await(() -> server.log().contains("too many errors"), () -> "no too many errors line");
            log = server.log();
        }
        List<String> lines = log.lines().toList();
        Path file = Files.writeString(root.resolve("smtpd.log"), log);
        Fail2banRegex.Result result = Fail2banRegex.run(file, Fail2banRegex.filter("toaster-smtpd"));
        assertEquals(lines.size(), result.lines(), log);
        assertEquals(3 + 1 + 1 + 10 + 1 + 1, result.matched(), log);
        assertEquals(lines.size() - result.matched(), result.missed());
        assertEquals(lines.size(), result.dated(), "every line's time is read, or the fail2ban server drops it");
        assertEquals(Map.of("192.0.2.7", 3L, "198.51.100.4", 1L, "2001:db8::7", 1L, "192.0.2.8", 11L,
                "203.0.113.50", 1L),
                result.addresses().stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting())));
        try (Fail2banServer fail2ban = Fail2banServer.start(root.resolve("fail2ban"), "toaster-smtpd", file, 5)) {
            assertEquals(List.of("192.0.2.8"), fail2ban.banned(result.matched(), 1),
                    "a real fail2ban with the example jail's maxretry bans the guesser and nobody else");
        }
        assertTrue(log.contains(FORGED), "the forged address is on the log, in the values the filter skips");

        // The journal (backend = systemd) puts "HOST IDENT[PID]: " before each line: the same matches.
        Path journal = Files.write(root.resolve("journal.log"), lines.stream().map(line -> "mx toaster[4242]: " + line)
                .toList());
        assertEquals(result.addresses(), Fail2banRegex.run(journal, Fail2banRegex.filter("toaster-smtpd")).addresses());
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "json"})
    void everyLineIsOneLineAndJsonLinesParseWithTheSameFieldsAsText(String format) throws Exception {
        String log;
        try (TestServer server = server(format)) {
            traffic(server);
            TestServer.await(() -> server.log().contains("too many errors"), () -> "no too many errors line");
            log = server.log();
        }
        List<String> failed = log.lines().filter(line -> line.contains("auth failed")).toList();
        assertEquals(3 + 1 + 1 + 10, failed.size(), log);
        if (format.equals("text")) {
            assertTrue(failed.getFirst().matches("\\S+Z smtpd\\[\\S+\\] auth failed client=192\\.0\\.2\\.7 "
                    + "user=x client=203\\.0\\.113\\.9 mechanism=PLAIN"), failed.getFirst());
            assertTrue(log.contains(" tx client=198.51.100.4 helo=client=203.0.113.9 from=<bob@local.test> "
                    + "to=<friend@example.org> size="), log);
            assertTrue(log.contains(" auth blocked client=192.0.2.8\n"), log);
            assertTrue(log.contains(" too many errors client=203.0.113.50\n"), log);
            return;
        }
        List<Map<String, Object>> objects = new ArrayList<>();
        for (String line : log.lines().toList()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) JsonReading.parse(line);
            assertEquals(List.of("time", "daemon", "session", "event"), new ArrayList<>(object.keySet()).subList(0, 4),
                    line);
            assertEquals("smtpd", object.get("daemon"));
            objects.add(object);
        }
        List<Object> users = objects.stream().filter(o -> o.get("event").equals("auth failed")
                && o.get("client").equals("192.0.2.7")).map(o -> o.get("user")).toList();
        assertEquals(List.of("x client=" + FORGED, "x\",\"client\":\"" + FORGED, AuthHandler.PROHIBITED_NAME), users);
        Map<String, Object> tx = objects.stream().filter(o -> o.get("event").equals("tx")).findFirst().orElseThrow();
        assertEquals(List.of("time", "daemon", "session", "event", "client", "helo", "from", "to", "size", "queue",
                "result", "ms"), new ArrayList<>(tx.keySet()));
        assertEquals("client=" + FORGED, tx.get("helo"));
        assertEquals("bob@local.test", tx.get("from"));
        assertEquals("250", tx.get("result"));
        assertTrue(tx.get("size") instanceof Double && tx.get("ms") instanceof Double, tx.toString());
    }
}
