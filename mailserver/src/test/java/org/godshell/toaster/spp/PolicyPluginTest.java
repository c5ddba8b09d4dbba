package org.godshell.toaster.spp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.godshell.toaster.config.TcpRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The policy client against a fake policy server: the request it sends, and how it fails. */
class PolicyPluginTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    @TempDir
    Path temp;

    private static Map<String, String> rcptEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("TCPREMOTEIP", "192.0.2.7");
        env.put("TCPREMOTEPORT", "40000");
        env.put("TCPLOCALIP", "127.0.0.1");
        env.put("TCPLOCALPORT", "25");
        env.put("SMTPHELOHOST", "client.example");
        env.put("SMTPMAILFROM", "a@x.test");
        env.put("SMTPRCPTTO", "u@local.test");
        env.put("SMTPRCPTCOUNT", "1");
        env.put("SMTPAUTHUSER", "u@local.test");
        env.put("SMTPAUTHMETHOD", "PLAIN");
        return env;
    }

    private static PluginRun ask(String target, Section section, Map<String, String> env) throws Exception {
        return PolicyPlugin.parse("smtpplugins:2", "policy:" + target, target, TIMEOUT).run(section, env);
    }

    @Test
    void theRequestCarriesPostfixAttributesAndTheAnswerBecomesCommands() throws Exception {
        try (FakePolicyServer server = new FakePolicyServer("action=REJECT not you\n\n")) {
            PluginRun run = ask(server.target(), Section.RCPT, rcptEnvironment());
            assertEquals(List.of("E550 5.7.1 not you"), run.lines());
            assertTrue(run.failure().isEmpty());
            String request = server.requests.get(0);
            assertTrue(request.startsWith("request=smtpd_access_policy\nprotocol_state=RCPT\n"), request);
            assertTrue(request.endsWith("\n\n"), request);
            for (String attribute : List.of("protocol_name=ESMTP", "helo_name=client.example", "queue_id=",
                    "sender=a@x.test", "recipient=u@local.test", "recipient_count=1", "client_address=192.0.2.7",
                    "client_name=unknown", "reverse_client_name=unknown", "client_port=40000",
                    "server_address=127.0.0.1", "server_port=25", "sasl_method=PLAIN", "sasl_username=u@local.test",
                    "size=0", "ccert_subject=")) {
                assertTrue(request.contains("\n" + attribute + "\n"), attribute + " in " + request);
            }
        }
    }

    @Test
    void theStateFollowsTheSectionAndRecipientIsOnlySentAtRcpt() throws Exception {
        try (FakePolicyServer server = new FakePolicyServer("action=DUNNO\n\n")) {
            assertEquals(List.of(), ask(server.target(), Section.MAIL, rcptEnvironment()).lines());
            assertTrue(server.requests.get(0).contains("\nprotocol_state=MAIL\n"));
            assertTrue(server.requests.get(0).contains("\nrecipient=\n"));
            ask(server.target(), Section.CONNECTION, Map.of("TCPREMOTEIP", "192.0.2.7"));
            assertTrue(server.requests.get(1).contains("\nprotocol_state=CONNECT\n"));
        }
    }

    /** Postfix's smtpd_end_of_data_restrictions: the real size, the count, the recipient when there is one. */
    @Test
    void bodyIsEndOfMessageWithTheSizeAndTheRecipients() throws Exception {
        try (FakePolicyServer server = new FakePolicyServer("action=DUNNO\n\n")) {
            Map<String, String> env = rcptEnvironment();
            env.putAll(Map.of("SMTPMESSAGESIZE", "4711", "SMTPRCPTTOALL", "a@local.test\nb@local.test",
                    "SMTPMESSAGEFILE", "/opt/toaster/queue/tmp/1.x.copy"));
            ask(server.target(), Section.BODY, env);
            env.put("SMTPRCPTTOALL", "only@local.test");
            ask(server.target(), Section.BODY, env);
            String two = server.requests.get(0);
            for (String attribute : List.of("protocol_state=END-OF-MESSAGE", "size=4711", "recipient=",
                    "recipient_count=2")) {
                assertTrue(two.contains("\n" + attribute + "\n"), attribute + " in " + two);
            }
            assertTrue(server.requests.get(1).contains("\nrecipient=only@local.test\nrecipient_count=1\n"),
                    server.requests.get(1));
            assertTrue(!two.contains("/opt/toaster"), "the policy protocol has no attribute for the file");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"SMTPRCPTTO", "SMTPHELOHOST", "SMTPMAILFROM", "SMTPAUTHUSER"})
    void aValueWithANewlineIsNeverSent(String variable) throws Exception {
        try (FakePolicyServer server = new FakePolicyServer("action=OK\n\n")) {
            Map<String, String> env = rcptEnvironment();
            env.put(variable, "x@y.test\nrecipient=postmaster@local.test\nsasl_username=admin");
            PluginRun run = ask(server.target(), Section.RCPT, env);
            assertTrue(run.failure().orElse("").contains("control character"), run.toString());
            assertTrue(server.requests.isEmpty(), "nothing reached the server");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "action=OK", "action=OK\n", "garbage\n\n", "\n", "220 welcome\r\n\r\n"})
    void shortOrGarbageAnswersFail(String answer) throws Exception {
        try (FakePolicyServer server = new FakePolicyServer(answer)) {
            PluginRun run = ask(server.target(), Section.RCPT, rcptEnvironment());
            assertTrue(run.failure().isPresent(), run.toString());
            assertTrue(run.lines().isEmpty());
        }
    }

    @Test
    void anOversizedAnswerFails() throws Exception {
        try (FakePolicyServer server = new FakePolicyServer("action=OK" + "x".repeat(20_000) + "\n\n")) {
            assertTrue(ask(server.target(), Section.RCPT, rcptEnvironment()).failure().orElse("")
                    .contains("more than"));
        }
    }

    @Test
    void aSilentServerTimesOut() throws Exception {
        try (FakePolicyServer server = new FakePolicyServer(null)) {
            long start = System.nanoTime();
            PluginRun run = ask(server.target(), Section.RCPT, rcptEnvironment());
            assertTrue(run.failure().orElse("").startsWith("timeout after 1 s"), run.toString());
            // The bound proves the ask ended rather than waited on the silent server; it is not a speed test.
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(60).toNanos());
        }
    }

    @Test
    void noServerFails() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        assertTrue(ask("inet:127.0.0.1:" + port, Section.RCPT, rcptEnvironment()).failure().isPresent());
        assertTrue(ask("unix:" + temp.resolve("none.sock"), Section.RCPT, rcptEnvironment()).failure().isPresent());
    }

    @Test
    void aUnixSocketServer() throws Exception {
        Path socket = temp.resolve("policy.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread.ofVirtual().start(() -> {
                try (SocketChannel client = server.accept()) {
                    client.read(ByteBuffer.allocate(4096));
                    client.write(ByteBuffer.wrap("action=DEFER_IF_PERMIT Greylisted\n\n"
                            .getBytes(StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    // The test fails on the answer it did not get.
                }
            });
            assertEquals(List.of("E450 4.7.1 Greylisted"),
                    ask("unix:" + socket, Section.RCPT, rcptEnvironment()).lines());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "inet:", "inet:127.0.0.1", "inet:127.0.0.1:0", "inet:127.0.0.1:70000",
            "inet::10023", "inet:::1:10023", "unix:", "unix:relative.sock", "tcp:127.0.0.1:10023", "127.0.0.1:10023"})
    void badLines(String target) {
        PluginFactory.BadPlugin bad = assertThrows(PluginFactory.BadPlugin.class,
                () -> PolicyPlugin.parse("f:1", "policy:" + target, target, TIMEOUT));
        assertTrue(bad.getMessage().contains("policy:inet:127.0.0.1:10023"), bad.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"inet:127.0.0.1:10023", "inet:localhost:10023", "inet:[::1]:10023", "unix:/run/p.sock"})
    void goodLines(String target) throws Exception {
        assertEquals("policy:" + target, PolicyPlugin.parse("f:1", "policy:" + target, target, TIMEOUT).name());
    }

    @Test
    void aFailedRequestIs451ThroughTheEngine() throws Exception {
        try (FakePolicyServer server = new FakePolicyServer("bogus\n\n")) {
            Files.createDirectories(temp.resolve("control"));
            Files.writeString(temp.resolve("control/smtpplugins"),
                    "[rcpt]\npolicy:" + server.target() + "\n");
            SppEngine engine = SppEngine.load(temp, TcpRules.parse("", "tcp.smtp"),
                    line -> { });
            HookResult result = engine.open(rcptEnvironment(), line -> { }).run(Section.RCPT);
            HookResult.Refuse refuse = assertInstanceOf(HookResult.Refuse.class, result);
            assertEquals(451, refuse.reply().code());
        }
    }
}
