package org.godshell.toaster.smtpd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.godshell.toaster.dns.FixtureDns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code builtin:rbl} through the whole server: {@code control/dnsservers} aims it at a fixture nameserver on
 * loopback, which lists 127.0.0.1 (the test client) at bl.test; the client gets its greeting, HELO and MAIL,
 * then a 550 at each RCPT, also after RSET (an {@code LR} from [connection] lasts the session).
 */
class BuiltinRblDialogueTest {

    @TempDir
    Path temp;

    @Test
    void listedClientIsRefusedAtRcpt() throws Exception {
        try (FixtureDns dns = new FixtureDns().a("1.0.0.127.bl.test.", "127.0.0.2")) {
            Map<String, String> control = TestServer.defaults();
            control.put("dnsservers", "127.0.0.1:" + dns.address().getPort() + "\n");
            control.put("smtpplugins", "[connection]\nbuiltin:rbl bl.test\n");
            try (TestServer server = new TestServer(temp, control);
                    Socket socket = new Socket(server.address().getAddress(), server.address().getPort())) {
                socket.setSoTimeout(5000);
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                String refusal = "550 5.7.1 sorry, your address 127.0.0.1 is listed at bl.test (#5.7.1)";
                expect(in, "220 ");
                say(out, "HELO a.example");
                expect(in, "250 ");
                for (int round = 0; round < 2; round++) {
                    say(out, "MAIL FROM:<a@x.test>");
                    expect(in, "250 ");
                    say(out, "RCPT TO:<u@local.test>");
                    assertEquals(refusal, DialogueTest.readLine(in), server.log());
                    say(out, "RSET");
                    expect(in, "250 ");
                }
                say(out, "QUIT");
                expect(in, "221 ");
                assertTrue(server.log().contains("rbl: 127.0.0.1 listed at bl.test (127.0.0.2)"), server.log());
                assertEquals(1, dns.queries(), "one lookup per connection");
            }
        }
    }

    private static void say(OutputStream out, String line) throws java.io.IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void expect(InputStream in, String prefix) throws java.io.IOException {
        String line = DialogueTest.readLine(in);
        assertTrue(line != null && line.startsWith(prefix), "expected " + prefix + "... but got " + line);
    }
}
