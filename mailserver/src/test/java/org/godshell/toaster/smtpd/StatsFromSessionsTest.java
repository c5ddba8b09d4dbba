package org.godshell.toaster.smtpd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.godshell.toaster.logstats.JsonReport;
import org.godshell.toaster.logstats.LogInput;
import org.godshell.toaster.logstats.MixedLineReader;
import org.godshell.toaster.logstats.Tally;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** toaster stats over what a real smtpd logged of real sessions on loopback, in either log format. */
class StatsFromSessionsTest {

    @TempDir
    Path root;

    /** Sends {@code command} (unless null) and returns the final line of the reply. */
    private static String say(BufferedReader in, OutputStream out, String command) throws Exception {
        if (command != null) {
            out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        String line;
        do {
            line = in.readLine();
        } while (line != null && line.length() > 3 && line.charAt(3) == '-');
        return line;
    }

    /** {@code format}: the server's {@code control/logformat}; the stats read either, as the admin's tool does. */
    @ParameterizedTest
    @ValueSource(strings = {"text", "json"})
    void aMessageTakenAndARecipientRefusedAreCounted(String format) throws Exception {
        Map<String, String> control = TestServer.defaults();
        control.put("logformat", format + "\n");
        try (TestServer server = new TestServer(root, control);
                Socket socket = new Socket(server.address().getAddress(), server.address().getPort())) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            assertTrue(say(in, out, null).startsWith("220"));
            assertTrue(say(in, out, "EHLO client.test").startsWith("250"));
            assertTrue(say(in, out, "MAIL FROM:<\"a b\"@x.test>").startsWith("250"));
            assertTrue(say(in, out, "RCPT TO:<victim@far.test>").startsWith("553"));
            assertTrue(say(in, out, "RCPT TO:<u@local.test>").startsWith("250"));
            assertTrue(say(in, out, "DATA").startsWith("354"));
            assertTrue(say(in, out, "Subject: hi\r\n\r\nbody\r\n.").startsWith("250"));
            assertTrue(say(in, out, "QUIT").startsWith("221"));
            String tx = format.equals("json") ? "\"event\":\"tx\"" : " tx ";
            TestServer.await(() -> server.log().contains(tx), () -> "no tx line in " + server.log());
            assertTrue(server.log().lines().allMatch(l -> l.startsWith("{") == format.equals("json")), server.log());
            Tally tally = new Tally(Instant.EPOCH, ZoneOffset.UTC);
            new LogInput().read(new ByteArrayInputStream(server.log().getBytes(StandardCharsets.UTF_8)),
                    tally.sink(new MixedLineReader()));
            String json = JsonReport.render(tally);
            assertTrue(json.contains("\"received\":1,\"received_recipients\":1,"), json);
            assertTrue(json.contains("\"refused_by\":[{\"stage\":\"rcpt\",\"reason\":\"rcpthosts\",\"count\":1}]"),
                    json);
            assertTrue(json.contains("\"top_senders\":[{\"address\":\"<\\\"a b\\\"@x.test>\",\"count\":1}]"), json);
            assertTrue(json.contains("\"top_clients\":[{\"client\":\"127.0.0.1\",\"count\":1}]"), json);
            assertTrue(json.contains("\"oversized\":0,\"binary\":0,\"control\":0,\"malformed\":0,"), json);
        }
    }
}
