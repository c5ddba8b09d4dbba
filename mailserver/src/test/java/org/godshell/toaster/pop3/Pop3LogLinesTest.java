package org.godshell.toaster.pop3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.godshell.toaster.filter.rspamd.JsonReading;
import org.godshell.toaster.logline.Fail2banRegex;
import org.godshell.toaster.logline.Fail2banServer;
import org.godshell.toaster.logline.LogFormat;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The log of real POP3 sessions, in both formats, read by the shipped fail2ban filter with Debian's
 * fail2ban-regex: failed and refused logins and sessions closed for too many bad commands match at the client's
 * address, never at one a client wrote into its user name.
 */
class Pop3LogLinesTest {

    private static final String FORGED = "203.0.113.9";

    @TempDir
    Path prefix;

    /** A good login, a forged user name, a guesser blocked after 10, then 20 bad commands in a row. */
    private static void traffic(Pop3TestServer server) throws Exception {
        server.user("bob", "correct horse");
        try (Pop3Client client = new Pop3Client(server.implicitTls())) {
            assertTrue(client.login("bob@local.test", "correct horse").startsWith("+OK"));
            assertTrue(client.send("QUIT").startsWith("+OK"));
        }
        try (Pop3Client client = new Pop3Client(server.implicitTls())) {
            assertTrue(client.login("x client=" + FORGED, "guess").startsWith("-ERR"));
            assertTrue(client.login("x\",\"client\":\"" + FORGED, "guess").startsWith("-ERR"));
            for (int i = 3; i < 10; i++) {
                assertTrue(client.login("bob@local.test", "guess" + i).startsWith("-ERR"));
            }
            assertTrue(client.login("bob@local.test", "guess10").startsWith("-ERR [AUTH]"));
        }
        try (Pop3Client client = new Pop3Client(server.implicitTls())) {
            assertTrue(client.send("USER bob@local.test").startsWith("-ERR [AUTH]"));
        }
        try (Pop3Client client = new Pop3Client(server.implicitTls())) {
            for (int i = 0; i < Session.MAX_ERRORS; i++) {
                assertTrue(client.send("BOGUS client=" + FORGED).startsWith("-ERR"));
            }
        }
    }

    private static String log(Pop3TestServer server) throws Exception {
        traffic(server);
        server.awaitIdle();
        return server.log();
    }

    @ParameterizedTest
    @EnumSource(LogFormat.class)
    void theShippedFilterMatchesEveryAbuseLineAtTheClientsAddressOnly(LogFormat format) throws Exception {
        Fail2banRegex.require();
        String log;
        try (Pop3TestServer server = new Pop3TestServer(prefix, format)) {
            log = log(server);
        }
        List<String> lines = log.lines().toList();
        Path file = Files.writeString(prefix.resolve("pop3d.log"), log);
        Fail2banRegex.Result result = Fail2banRegex.run(file, Fail2banRegex.filter("toaster-pop3d"));
        assertEquals(lines.size(), result.lines(), log);
        assertEquals(10 + 1 + 1, result.matched(), log);
        assertEquals(lines.size() - result.matched(), result.missed());
        assertEquals(lines.size(), result.dated(), "every line's time is read, or the fail2ban server drops it");
        assertEquals(Collections.nCopies(12, "127.0.0.1"), result.addresses(), log);
        assertTrue(log.contains(FORGED));
        try (Fail2banServer fail2ban = Fail2banServer.start(prefix.resolve("fail2ban"), "toaster-pop3d", file, 5)) {
            assertEquals(List.of("127.0.0.1"), fail2ban.banned(result.matched(), 1));
        }
        Path journal = Files.write(prefix.resolve("journal.log"), lines.stream()
                .map(line -> "mx toaster[4242]: " + line).toList());
        assertEquals(result.addresses(), Fail2banRegex.run(journal, Fail2banRegex.filter("toaster-pop3d")).addresses());
    }

    @ParameterizedTest
    @EnumSource(LogFormat.class)
    void textAndJsonCarryTheSameFields(LogFormat format) throws Exception {
        String log;
        try (Pop3TestServer server = new Pop3TestServer(prefix, format)) {
            log = log(server);
        }
        if (format == LogFormat.TEXT) {
            assertTrue(log.contains("] connect client=127.0.0.1 tls\n"), log);
            assertTrue(log.contains("] login ok client=127.0.0.1 user=bob@local.test messages=0 octets=0\n"), log);
            assertTrue(log.contains("] quit user=bob@local.test removed=0 failed=0 kept=0\n"), log);
            assertTrue(log.contains("] login failed client=127.0.0.1 user=x client=203.0.113.9\n"), log);
            assertTrue(log.contains("] login blocked client=127.0.0.1\n"), log);
            assertTrue(log.contains("] too many errors client=127.0.0.1\n"), log);
            return;
        }
        List<Map<String, Object>> objects = new ArrayList<>();
        for (String line : log.lines().toList()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) JsonReading.parse(line);
            assertEquals("pop3d", object.get("daemon"), line);
            objects.add(object);
        }
        Map<String, Object> connect = objects.getFirst();
        assertEquals(List.of("time", "daemon", "session", "event", "client", "tls"), new ArrayList<>(connect.keySet()));
        assertEquals(List.of("connect", "127.0.0.1", true), List.of(connect.get("event"), connect.get("client"),
                connect.get("tls")));
        Map<String, Object> login = objects.stream().filter(o -> o.get("event").equals("login ok")).findFirst()
                .orElseThrow();
        assertEquals(List.of("time", "daemon", "session", "event", "client", "user", "messages", "octets"),
                new ArrayList<>(login.keySet()));
        assertEquals(0.0, login.get("messages"));
        assertEquals(List.of("x client=" + FORGED, "x\",\"client\":\"" + FORGED), objects.stream()
                .filter(o -> o.get("event").equals("login failed")).map(o -> o.get("user")).limit(2).toList());
    }
}
