package org.godshell.toaster.pop3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real POP3 clients against the server: Python's poplib (POP3_SSL on the TLS port, and stls() on the plain
 * one) and curl's pop3s. Each checks the certificate against the test one. Skipped where the tool is absent.
 */
class RealClientsTest {

    /** Python's poplib: prints what it saw, one fact a line, for the test to compare. */
    private static final String POPLIB = """
            import poplib, ssl, sys
            host, tls_port, plain_port, ca = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
            context = ssl.create_default_context(cafile=ca)
            context.check_hostname = False          # the certificate is pinned by cafile; its name is pop.test
            p = poplib.POP3_SSL(host, tls_port, context=context, timeout=10)
            print(sorted(p.capa()))
            p.user('ann@local.test')
            p.pass_('secret')
            print(p.stat())
            print([u.decode() for u in p.uidl()[1]])
            print([l.decode() for l in p.retr(1)[1]])
            print([l.decode() for l in p.top(2, 0)[1]])
            p.dele(1)
            print(p.quit().decode())
            q = poplib.POP3(host, plain_port, timeout=10)
            print(sorted(q.capa()))
            q.stls(context=context)
            q.user('ann@local.test')
            q.pass_('secret')
            print(q.stat())
            print(q.quit().decode())
            """;

    @TempDir
    Path temp;

    private static String run(Path dir, List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "client hung");
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), String.join(" ", command) + " said:\n" + text);
        return text;
    }

    private Pop3TestServer server() throws Exception {
        Pop3TestServer server = new Pop3TestServer(temp.resolve("prefix"));
        server.user("ann", "secret");
        server.deliver("ann", "new", "1000.A.host", "Subject: one\n\n.hello\nworld\n");
        server.deliver("ann", "cur", "1001.B.host:2,S", "Subject: two\n\nbody\n");
        return server;
    }

    private Path ca() throws Exception {
        String pem = Pop3TestServer.certificate();
        Path ca = temp.resolve("ca.pem");
        Files.writeString(ca, pem.substring(pem.indexOf("-----BEGIN CERTIFICATE-----")));
        return ca;
    }

    @Test
    void pythonPoplibOverTlsAndStls() throws Exception {
        assumeTrue(Clients.has("python3"), "python3 is not installed");
        try (Pop3TestServer server = server()) {
            Path script = Files.writeString(temp.resolve("client.py"), POPLIB);
            String output = run(temp, List.of("python3", script.toString(), "127.0.0.1",
                    Integer.toString(server.implicitTls().getPort()), Integer.toString(server.plain().getPort()),
                    ca().toString()));
            List<String> lines = output.lines().toList();
            assertEquals(List.of(
                    "['AUTH-RESP-CODE', 'IMPLEMENTATION', 'PIPELINING', 'RESP-CODES', 'TOP', 'UIDL', 'USER']",
                    "(2, 53)",
                    "['1 1000.A.host', '2 1001.B.host']",
                    "['Subject: one', '', '.hello', 'world']",
                    "['Subject: two', '']",
                    "+OK pop.test signing off (1 messages removed)",
                    "['AUTH-RESP-CODE', 'IMPLEMENTATION', 'PIPELINING', 'RESP-CODES', 'STLS', 'TOP', 'UIDL']",
                    "(1, 22)",
                    "+OK pop.test signing off (0 messages removed)"), lines, output);
            try (var cur = Files.list(server.maildir("ann").resolve("cur"))) {
                assertEquals(List.of("1001.B.host:2,S"), cur.map(p -> p.getFileName().toString()).toList());
            }
        }
    }

    @Test
    void curlListsAndRetrievesOverPop3s() throws Exception {
        assumeTrue(Clients.has("curl"), "curl is not installed");
        try (Pop3TestServer server = server()) {
            int port = server.implicitTls().getPort();
            List<String> common = new ArrayList<>(List.of("curl", "--silent", "--show-error", "--max-time", "20",
                    "--cacert", ca().toString(), "--resolve", "pop.test:" + port + ":127.0.0.1",
                    "--user", "ann@local.test:secret"));
            List<String> list = new ArrayList<>(common);
            list.add("pop3s://pop.test:" + port + "/");
            assertEquals("1 31\r\n2 22\r\n", run(temp, list));
            List<String> retr = new ArrayList<>(common);
            retr.add("pop3s://pop.test:" + port + "/1");
            assertEquals("Subject: one\r\n\r\n.hello\r\nworld\r\n", run(temp, retr));
            assertTrue(server.log().contains("login ok"), server.log());
        }
    }
}
