package org.godshell.toaster.smtpd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.config.Live;
import org.godshell.toaster.dkim.Algorithm;
import org.godshell.toaster.dkim.KeyFiles;
import org.godshell.toaster.dkim.PublishedKey;
import org.godshell.toaster.dkim.Signer;
import org.godshell.toaster.dkim.Signing;
import org.godshell.toaster.dkim.SigningKey;
import org.godshell.toaster.dns.FixtureDns;
import org.godshell.toaster.msgauth.AuthSettings;
import org.godshell.toaster.msgauth.MailAuthentication;
import org.godshell.toaster.msgauth.MessageMemory;
import org.godshell.toaster.queue.QueueId;
import org.godshell.toaster.queue.QueuedMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code [body]} section through real sessions with the real message checks (issue 20): the variables a
 * script sees, the message copy (readable, 0400, gone afterwards), the checks' verdicts for mail from outside
 * and none for a trusted client, nothing run when the checks refuse, and a big message to a plugin that never
 * reads its stdin. DNS questions go to a fixture server on loopback.
 */
class BodyPluginsDialogueTest {

    private static final KeyPair SENDER_KEY = KeyFiles.generate(Algorithm.ED25519_SHA256);
    /** Writes what it sees to seen-N in the prefix: its variables, the copy's mode and size, stdin's size. */
    private static final String WITNESS = """
            n=$(ls seen-* 2>/dev/null | wc -l)
            {
                printf 'mode=%s\\n' "$(stat -c %a "$SMTPMESSAGEFILE")"
                printf 'file-bytes=%s\\n' "$(wc -c < "$SMTPMESSAGEFILE")"
                printf 'stdin-bytes=%s\\n' "$(wc -c)"
                printf 'same=%s\\n' "$(cmp -s - "$SMTPMESSAGEFILE" < "$SMTPMESSAGEFILE" && echo yes)"
                printf 'all=%s|\\n' "$SMTPRCPTTOALL"
                env | grep -E '^SMTP[A-Z]*=' | grep -v '^SMTPRCPTTOALL='
            } > "seen-$n"
            printf 'HX-Witness: %s\\n' "$n"
            """;

    @TempDir
    Path root;
    private FixtureDns dns;
    private TestServer server;

    @BeforeEach
    void dns() throws Exception {
        dns = new FixtureDns();
        dns.txt("sel._domainkey.signed.example.", PublishedKey.txt(SENDER_KEY.getPublic()));
        dns.txt("_dmarc.signed.example.", "v=DMARC1; p=reject");
    }

    @AfterEach
    void close() throws Exception {
        if (server != null) {
            server.close();
        }
        dns.close();
    }

    private void start(String tcpSmtp, String plugins, Map<String, String> programs, Map<String, String> more)
            throws Exception {
        Map<String, String> control = TestServer.defaults();
        control.put("dnsservers", "127.0.0.1:" + dns.address().getPort() + "\n");
        control.put("tcp.smtp", tcpSmtp);
        control.put("smtpplugins", plugins);
        control.putAll(more);
        server = new TestServer(root, control, programs, Logins.none(), dir -> new MailAuthentication(
                Live.of(new Controls(dir, line -> { }), AuthSettings::make, line -> { }), domain -> List.of(),
                recipients -> Optional.empty(), new MessageMemory(MessageMemory.DEFAULT_BYTES), Clock.systemUTC()));
    }

    /** Sends one message to {@code recipients}, the final dot's reply. */
    private String send(String from, List<String> recipients, byte[] message) throws IOException {
        try (Socket socket = new Socket(server.address().getAddress(), server.address().getPort())) {
            socket.setSoTimeout(60_000);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            DialogueTest.readLine(in);
            StringBuilder dialogue = new StringBuilder("HELO client.example\r\nMAIL FROM:<" + from + ">\r\n");
            recipients.forEach(rcpt -> dialogue.append("RCPT TO:<").append(rcpt).append(">\r\n"));
            out.write(dialogue.append("DATA\r\n").toString().getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < recipients.size() + 3; i++) {
                DialogueTest.readLine(in);
            }
            out.write(message);
            out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return DialogueTest.readLine(in);
        }
    }

    private static byte[] signed(String message) {
        Signing signing = new Signer("signed.example", List.of(new SigningKey("sel", SENDER_KEY.getPrivate())),
                Clock.systemUTC()).sign(message.getBytes(StandardCharsets.UTF_8));
        return (String.join("", ((Signing.Signed) signing).fields()) + message).getBytes(StandardCharsets.UTF_8);
    }

    private Map<String, String> seen(int n) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(root.resolve("seen-" + n))) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.putIfAbsent(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }

    private List<Path> copiesLeft() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("queue/tmp"))) {
            return files.toList();
        }
    }

    private QueuedMessage stored(String reply) throws IOException {
        assertTrue(reply.startsWith("250 2.0.0 ok "), reply);
        return server.queue.read(new QueueId(reply.substring(reply.lastIndexOf(' ') + 1)));
    }

    @Test
    void aScriptSeesTheMessageItsCopyAndTheVerdictsOfMailFromOutside() throws Exception {
        start("", "[body]\nplugins/witness\n", Map.of("plugins/witness", WITNESS), Map.of());
        byte[] message = signed("From: Ann <ann@signed.example>\r\nTo: u@local.test\r\nSubject: hi\r\n\r\nhello\r\n");
        QueuedMessage stored = stored(send("ann@signed.example", List.of("u@local.test", "v@local.test"), message));

        Map<String, String> seen = seen(0);
        assertEquals("400", seen.get("mode"), seen.toString());
        String size = seen.get("SMTPMESSAGESIZE");
        assertEquals(size, seen.get("file-bytes"));
        assertEquals(size, seen.get("stdin-bytes"), "the whole message on stdin");
        assertEquals("yes", seen.get("same"), "stdin is the file");
        assertEquals("u@local.test", seen.get("all"), "the first line of SMTPRCPTTOALL");
        assertTrue(Files.readString(root.resolve("seen-0")).contains("all=u@local.test\nv@local.test|\n"));
        assertEquals("none", seen.get("SMTPSPF"));
        assertEquals("pass", seen.get("SMTPDKIM"));
        assertEquals("pass", seen.get("SMTPDMARC"));
        assertEquals("none", seen.get("SMTPARC"));
        assertEquals("signed.example", seen.get("SMTPDMARCDOMAIN"));
        String results = seen.get("SMTPAUTHRESULTS");
        assertTrue(results.startsWith("mx.test; spf=none smtp.mailfrom=ann@signed.example; dkim=pass"), results);
        assertFalse(results.contains("\t"), results);
        assertEquals("ann@signed.example", seen.get("SMTPMAILFROM"));

        Path copy = Path.of(seen.get("SMTPMESSAGEFILE"));
        assertTrue(copy.startsWith(root.resolve("queue/tmp")), copy.toString());
        assertFalse(Files.exists(copy), "the copy is deleted after the section");
        assertEquals(List.of(), copiesLeft());

        try (InputStream in = stored.openMessage()) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(text.startsWith("Authentication-Results: mx.test;"), text);
            assertTrue(text.contains("\r\nX-Witness: 0\r\nReceived: from client.example"), "ours on top, then the"
                    + " plugin's, then the message as received:\n" + text);
            String received = text.substring(text.indexOf("Received: from client.example"));
            assertEquals(Long.parseLong(size), received.length(), "the copy is the message as received");
            assertTrue(received.endsWith(new String(message, StandardCharsets.UTF_8)), received);
        }
    }

    @Test
    void aTrustedClientsMessageHasNoVerdictsAndACheckThatRefusesRunsNoPlugin() throws Exception {
        start("127.0.0.1:allow,RELAYCLIENT=\"\"\n", "[body]\nplugins/witness\n", Map.of("plugins/witness", WITNESS),
                Map.of());
        stored(send("me@local.test", List.of("far@elsewhere.example"), "Subject: out\r\n\r\nbye\r\n"
                .getBytes(StandardCharsets.US_ASCII)));
        Map<String, String> seen = seen(0);
        assertTrue(seen.containsKey("SMTPMESSAGEFILE"), seen.toString());
        for (String verdict : List.of("SMTPSPF", "SMTPDKIM", "SMTPDMARC", "SMTPARC", "SMTPDMARCDOMAIN",
                "SMTPAUTHRESULTS")) {
            assertFalse(seen.containsKey(verdict), verdict + " for a trusted client: " + seen);
        }
        server.close();

        start("", "[body]\nplugins/witness\n", Map.of("plugins/witness", WITNESS), Map.of());
        String forged = send("boss@elsewhere.example", List.of("u@local.test"),
                "From: boss@signed.example\r\nSubject: pay\r\n\r\nnow\r\n".getBytes(StandardCharsets.US_ASCII));
        assertTrue(forged.startsWith("550 5.7.1 rejected by the DMARC policy"), forged);
        assertFalse(Files.exists(root.resolve("seen-1")), "no [body] plugin ran after the checks refused");
    }

    @Test
    void aBigMessageReachesAPluginThatNeverReadsItsStdinAndDatabytesStillBoundsIt() throws Exception {
        List<String> lines = new ArrayList<>(List.of("Subject: big", ""));
        String line = "x".repeat(76);
        for (int i = 0; i < 6 * 1024 * 1024 / 78; i++) {
            lines.add(line);
        }
        byte[] big = (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        start("", "[body]\nplugins/quick\n", Map.of("plugins/quick", "touch ran-$$\nprintf 'HX-Quick: yes\\n'"),
                Map.of("databytes", "8000000\n"));
        QueuedMessage stored = stored(send("a@x.test", List.of("u@local.test"), big));
        assertTrue(stored.size() > big.length, "Received on top of the whole message");
        assertEquals(List.of(), copiesLeft());

        byte[] tooBig = new byte[big.length * 2 - 20];
        System.arraycopy(big, 0, tooBig, 0, big.length);
        System.arraycopy(big, 20, tooBig, big.length, big.length - 20);
        String refused = send("a@x.test", List.of("u@local.test"), tooBig);
        assertTrue(refused.startsWith("552 "), refused);
        try (Stream<Path> ran = Files.list(root).filter(p -> p.getFileName().toString().startsWith("ran-"))) {
            assertEquals(1, ran.count(), "the plugin ran for the first message only");
        }
    }
}
