package org.godshell.toaster.smtpd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.godshell.toaster.queue.QueueId;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every scripted conversation in {@code dialogues/} against a real server on an ephemeral port. Run with
 * {@code -Dgolden.update=true} to rewrite the {@code .golden} files from what the queue holds.
 */
class DialogueTest {

    private static final Path SOURCE = Path.of("src/test/resources/dialogues");

    @TempDir
    Path temp;

    static Stream<Path> dialogues() throws IOException, URISyntaxException {
        Path dir = Path.of(DialogueTest.class.getResource("/dialogues").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".txt")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialogues")
    void dialogue(Path file) throws Exception {
        Dialogue dialogue = Dialogue.load(file);
        for (var plain : dialogue.files().entrySet()) {
            Path target = temp.resolve(plain.getKey()).normalize();
            assertTrue(target.startsWith(temp), "a file outside the prefix: " + plain.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, plain.getValue(), StandardCharsets.UTF_8);
        }
        try (TestServer server = new TestServer(temp, dialogue.control(), dialogue.programs());
                Socket socket = new Socket(server.address().getAddress(), server.address().getPort())) {
            socket.setSoTimeout(5000);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            int number = 0;
            for (Dialogue.Step step : dialogue.steps()) {
                number++;
                String where = dialogue.name() + " step " + number + " (" + step + ")\nlog:\n" + server.log();
                switch (step) {
                    case Dialogue.Step.Send send -> {
                        out.write(send.bytes());
                        out.flush();
                    }
                    case Dialogue.Step.Expect expect -> {
                        String line = readLine(in);
                        assertTrue(line != null && line.matches(expect.pattern()),
                                "expected /" + expect.pattern() + "/ but got " + quote(line) + " at " + where);
                    }
                    case Dialogue.Step.Closed closed -> {
                        String line = readLine(in);
                        assertEquals(null, line, "expected the server to close at " + where);
                    }
                    case Dialogue.Step.QueueCount count ->
                            assertEquals(count.count(), server.queue.list().size(), "queue size at " + where);
                    case Dialogue.Step.Golden golden -> checkGolden(server, dialogue.name(), where);
                    case Dialogue.Step.Recipients recipients -> {
                        List<QueueId> ids = server.queue.list();
                        assertTrue(!ids.isEmpty(), "no message queued at " + where);
                        assertEquals(recipients.addresses(),
                                server.queue.read(ids.get(ids.size() - 1)).envelope().recipients(), where);
                    }
                    case Dialogue.Step.InFolder folder -> {
                        List<QueueId> ids = server.queue.list();
                        assertTrue(!ids.isEmpty(), "no message queued at " + where);
                        assertEquals(folder.folder(), server.queue.read(ids.getLast()).folder().name(), where);
                    }
                    case Dialogue.Step.Logged logged -> assertTrue(server.log().lines()
                            .anyMatch(l -> Pattern.compile(logged.pattern()).matcher(l).find()),
                            "no log line matches /" + logged.pattern() + "/ at " + where + " in\n" + server.log());
                }
            }
        }
    }

    private static void checkGolden(TestServer server, String name, String where) throws IOException {
        List<QueueId> ids = server.queue.list();
        assertTrue(!ids.isEmpty(), "no message queued at " + where);
        String actual;
        try (InputStream message = server.queue.read(ids.get(ids.size() - 1)).openMessage()) {
            actual = mask(new String(message.readAllBytes(), StandardCharsets.ISO_8859_1));
        }
        Path golden = SOURCE.resolve(name + ".golden");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, actual, StandardCharsets.ISO_8859_1);
            return;
        }
        if (!Files.exists(golden)) {
            fail("no " + golden + "; run with -Dgolden.update=true to write it from:\n" + actual);
        }
        assertEquals(Files.readString(golden, StandardCharsets.ISO_8859_1), actual, "golden message at " + where);
    }

    /** The parts of our Received header that change from run to run: session id and date. */
    static String mask(String message) {
        return message.replaceFirst("(\tby \\S+ \\(Godshell Toaster\\) with \\S+ id )[^\\s;]+", "$1ID")
                .replaceFirst("(; |;\r\n\t)\\w{3}, \\d{1,2} \\w{3} \\d{4} \\d\\d:\\d\\d:\\d\\d [+-]\\d{4}\r\n", "$1DATE\r\n");
    }

    /** One reply line without its CRLF; null at end of stream. A line not ended by CRLF fails the test. */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        try {
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    byte[] bytes = line.toByteArray();
                    assertTrue(bytes.length > 0 && bytes[bytes.length - 1] == '\r', "reply line without CRLF");
                    return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
                }
                line.write(b);
            }
        } catch (SocketTimeoutException e) {
            fail("no reply within 5 s; got so far: " + quote(line.toString(StandardCharsets.UTF_8)));
        } catch (java.net.SocketException e) {
            return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
        }
        assertEquals(0, line.size(), "the server closed mid-line: " + quote(line.toString(StandardCharsets.UTF_8)));
        return null;
    }

    private static String quote(String line) {
        return line == null ? "end of stream" : "'" + line + "'";
    }
}
