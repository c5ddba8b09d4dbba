package org.godshell.toaster.smtpd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.godshell.toaster.dns.FixtureDns;
import org.godshell.toaster.queue.QueueId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code builtin:spf} through the whole server, {@code control/dnsservers} aiming it at a fixture zone: a
 * sender whose domain does not allow 127.0.0.1 is refused at MAIL with RFC 7372's 550 5.7.23; one whose domain
 * allows it is accepted, and its message carries the Received-SPF header.
 */
class BuiltinSpfDialogueTest {

    @TempDir
    Path temp;

    @Test
    void failIsRefusedAtMailAndPassIsStamped() throws Exception {
        try (FixtureDns dns = new FixtureDns().txt("fail.test.", "v=spf1 ip4:192.0.2.0/24 -all")
                .txt("pass.test.", "v=spf1 ip4:127.0.0.0/8 -all")) {
            Map<String, String> control = TestServer.defaults();
            control.put("dnsservers", "127.0.0.1:" + dns.address().getPort() + "\n");
            control.put("smtpplugins", "[mail]\nbuiltin:spf\n");
            try (TestServer server = new TestServer(temp, control);
                    Socket socket = new Socket(server.address().getAddress(), server.address().getPort())) {
                socket.setSoTimeout(5000);
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                expect(in, "220 ");
                say(out, "HELO client.test");
                expect(in, "250 ");
                say(out, "MAIL FROM:<a@fail.test>");
                assertEquals("550 5.7.23 SPF fail: fail.test does not designate 127.0.0.1 as permitted sender "
                        + "(#5.7.23)", DialogueTest.readLine(in), server.log());
                say(out, "MAIL FROM:<a@pass.test>");
                expect(in, "250 ");
                say(out, "RCPT TO:<u@local.test>");
                expect(in, "250 ");
                say(out, "DATA");
                expect(in, "354 ");
                say(out, "Subject: hi\r\n\r\nhello\r\n.");
                expect(in, "250 ");
                say(out, "QUIT");
                expect(in, "221 ");
                List<QueueId> ids = server.queue.list();
                assertEquals(1, ids.size());
                String message;
                try (InputStream stored = server.queue.read(ids.get(0)).openMessage()) {
                    message = new String(stored.readAllBytes(), StandardCharsets.UTF_8);
                }
                assertTrue(message.contains("Received-SPF: pass (127.0.0.1: domain of a@pass.test designates "
                        + "127.0.0.1 as permitted sender) client-ip=127.0.0.1; envelope-from=\"a@pass.test\"; "
                        + "helo=client.test; receiver=127.0.0.1; identity=mailfrom;"), message);
                assertTrue(server.log().contains("spf: fail for mailfrom a@fail.test"), server.log());
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
