package org.godshell.toaster.spp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.godshell.toaster.config.ScannerAddress;
import org.godshell.toaster.config.TcpRules;
import org.godshell.toaster.dns.FixtureDns;
import org.godshell.toaster.filter.rspamd.FakeRspamd;
import org.godshell.toaster.filter.rspamd.RspamdClient;
import org.godshell.toaster.smtp.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * builtin:rspamd against a fake rspamd: the session's variables become the request, the verdict the lines, a
 * failure a failed run; and, through the engine, a [body] section that follows control/rspamd when it changes.
 */
class BuiltinRspamdTest {

    private static final String REJECT = "{\"score\":20,\"required_score\":15,\"action\":\"reject\",\"symbols\":"
            + "{\"GTUBE\":{\"score\":0}},\"messages\":{\"smtp_message\":\"Gtube pattern\"}}";
    private static final String GREYLIST = "{\"score\":5,\"required_score\":15,\"action\":\"greylist\"}";

    @TempDir
    Path home;
    private final RspamdClient client = new RspamdClient();
    /** 192.0.2.1 is client.example both ways; 192.0.2.2 has no name; 192.0.2.3's reverse zone never answers. */
    private final FixtureDns dns = fixture();

    private static FixtureDns fixture() {
        try {
            return new FixtureDns().ptr("192.0.2.1", "client.example.").a("client.example.", "192.0.2.1")
                    .silent("3.2.0.192.in-addr.arpa.");
        } catch (SocketException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void close() throws InterruptedException {
        client.close();
        dns.close();
    }

    private BuiltinRspamd plugin(FakeRspamd fake) throws Exception {
        return BuiltinRspamd.parse("f:1", "builtin:rspamd", "",
                new BuiltinRspamd.Target(client, fake.address(), Duration.ofSeconds(10)), dns.dns());
    }

    private Map<String, String> body() throws IOException {
        return body("192.0.2.1");
    }

    private Map<String, String> body(String ip) throws IOException {
        Path message = Files.writeString(home.resolve("message"), "Subject: hi\r\n\r\nhello\r\n");
        return Map.of("SMTPMESSAGEFILE", message.toString(), "SMTPMAILFROM", "a@example.com",
                "SMTPRCPTTOALL", "b@example.org\nc@example.org", "TCPREMOTEIP", ip,
                "SMTPHELOHOST", "client.example", "SMTPAUTHUSER", "alice@example.org");
    }

    private static FakeRspamd answering(String json) throws IOException {
        return FakeRspamd.onLoopback(c -> {
            while (c.request() != null) {
                c.answer(json, true);
            }
        });
    }

    @Test
    void theSessionsVariablesAreTheRequestAndTheVerdictTheLines() throws Exception {
        try (FakeRspamd fake = answering(REJECT)) {
            PluginRun run = plugin(fake).run(Section.BODY, body());
            assertEquals(Optional.empty(), run.failure());
            assertEquals(List.of("E554 5.7.1 message rejected as spam: Gtube pattern"), run.lines());
            assertEquals("rspamd: reject, score 20.00 / 15.00, GTUBE(0.00)\n", run.stderr());
            String head = fake.requests.getFirst().head();
            for (String field : List.of("From: a@example.com", "Rcpt: b@example.org", "Rcpt: c@example.org",
                    "IP: 192.0.2.1", "Hostname: client.example", "Helo: client.example", "User: alice@example.org")) {
                assertTrue(head.contains("\r\n" + field + "\r\n"), field + " in " + head);
            }
        }
    }

    @Test
    void aClientWithoutAConfirmedNameIsNamedByItsAddressInBrackets() throws Exception {
        try (FakeRspamd fake = answering(REJECT)) {
            plugin(fake).run(Section.BODY, body("192.0.2.2"));
            assertTrue(fake.requests.getFirst().head().contains("\r\nHostname: [192.0.2.2]\r\n"));
        }
    }

    @Test
    void whenTheNameCannotBeLookedUpRspamdIsLeftToLookItself() throws Exception {
        try (FakeRspamd fake = answering(REJECT)) {
            BuiltinRspamd plugin = BuiltinRspamd.parse("f:1", "builtin:rspamd", "",
                    new BuiltinRspamd.Target(client, fake.address(), Duration.ofSeconds(2)), dns.dns());
            PluginRun run = plugin.run(Section.BODY, body("192.0.2.3"));
            assertEquals(List.of("E554 5.7.1 message rejected as spam: Gtube pattern"), run.lines());
            assertTrue(!fake.requests.getFirst().head().contains("Hostname:"), fake.requests.getFirst().head());
            assertTrue(run.stderr().startsWith("rspamd: the client's name is unknown for now ("), run.stderr());
        }
    }

    @Test
    void withoutAMessageFileItFailsNamingTheBodySection() throws Exception {
        try (FakeRspamd fake = answering(REJECT)) {
            PluginRun run = plugin(fake).run(Section.RCPT, Map.of("SMTPMAILFROM", "a@example.com"));
            assertEquals(Optional.of("no SMTPMESSAGEFILE: builtin:rspamd checks whole messages, so it belongs in the "
                    + "[body] section, not [rcpt]"), run.failure());
            assertEquals(0, fake.connections());
        }
    }

    @Test
    void rspamdUnreachableIsAFailedRun() throws Exception {
        InetSocketAddress closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = new InetSocketAddress(socket.getInetAddress(), socket.getLocalPort());
        }
        BuiltinRspamd plugin = BuiltinRspamd.parse("f:1", "builtin:rspamd", "",
                new BuiltinRspamd.Target(client, closed, Duration.ofSeconds(10)), dns.dns());
        PluginRun run = plugin.run(Section.BODY, body());
        assertTrue(run.failure().orElseThrow().startsWith("rspamd at " + ScannerAddress.describe(closed) + ": "),
                run.failure().toString());
        assertEquals(List.of(), run.lines());
    }

    @Test
    void argumentsAreRefused() {
        PluginFactory.BadPlugin e = assertThrows(PluginFactory.BadPlugin.class,
                () -> new Builtins(null, home).parse("f:1", "builtin:rspamd 127.0.0.1", "rspamd 127.0.0.1"));
        assertTrue(e.getMessage().contains("control/rspamd"), e.getMessage());
    }

    @Test
    void theEngineFollowsControlRspamdAndRefusesAtTheBodySection() throws Exception {
        try (FakeRspamd rejecting = answering(REJECT); FakeRspamd greylisting = answering(GREYLIST)) {
            Files.createDirectories(home.resolve("control"));
            Files.writeString(home.resolve("control/smtpplugins"), "[body]\nbuiltin:rspamd\n");
            Files.writeString(home.resolve("control/dnsservers"), "127.0.0.1:" + dns.address().getPort() + "\n");
            write("rspamd", ScannerAddress.describe(rejecting.address()), 1000);
            SppEngine engine = SppEngine.load(home, TcpRules.parse("", "tcp.smtp"), line -> { });
            assertEquals("554 5.7.1 message rejected as spam: Gtube pattern", refusal(engine));

            String greylister = ScannerAddress.describe(greylisting.address());
            write("rspamd", greylister, 2000);
            assertEquals("451 4.7.1 greylisted, try again later", refusal(engine));
            assertTrue(engine.describe().stream().anyMatch(s -> s.name().equals("rspamd")
                    && s.value().equals(greylister)));

            write("rspamd", "/nonexistent/rspamd.sock", 3000);
            String failed = refusal(engine);
            assertTrue(failed.startsWith("451 4.3.0 qmail-spp failure: builtin:rspamd: rspamd at "
                    + "/nonexistent/rspamd.sock: "), failed);
        }
    }

    private void write(String name, String text, long mtimeMillis) throws IOException {
        Path file = Files.writeString(home.resolve("control/" + name), text + "\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(mtimeMillis));
    }

    /** The reply of a new session's [body] section, which must refuse, as the client would read it. */
    private String refusal(SppEngine engine) throws Exception {
        HookResult result = engine.open(new HashMap<>(body()), line -> { }).run(Section.BODY);
        Reply reply = assertInstanceOf(HookResult.Refuse.class, result).reply();
        return reply.code() + " " + (reply.enhanced() == null ? "" : reply.enhanced() + " ")
                + String.join(" / ", reply.lines());
    }
}
