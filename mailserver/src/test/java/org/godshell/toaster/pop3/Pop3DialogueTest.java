package org.godshell.toaster.pop3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every scripted conversation in {@code pop3-dialogues/} against a real server on ephemeral ports. */
class Pop3DialogueTest {

    @TempDir
    Path temp;

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    static Stream<Path> dialogues() throws IOException, URISyntaxException {
        Path dir = Path.of(Pop3DialogueTest.class.getResource("/pop3-dialogues").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".txt")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialogues")
    void dialogue(Path file) throws Exception {
        Pop3Script script = Pop3Script.load(file);
        try (Pop3TestServer server = new Pop3TestServer(temp)) {
            int number = 0;
            for (Pop3Script.Step step : script.steps()) {
                number++;
                if (socket == null && !(step instanceof Pop3Script.Step.User || step instanceof Pop3Script.Step.Mail
                        || step instanceof Pop3Script.Step.Connect)) {
                    connect(server, script.tlsOnConnect());
                }
                String where = script.name() + " step " + number + " (" + step + ")\nlog:\n" + server.log();
                run(server, step, where);
            }
        } finally {
            if (socket != null) {
                socket.close();
            }
        }
    }

    private void run(Pop3TestServer server, Pop3Script.Step step, String where) throws Exception {
        switch (step) {
            case Pop3Script.Step.User user -> server.user(user.local(), user.password());
            case Pop3Script.Step.Mail mail -> server.deliver(mail.local(), mail.dir(), mail.file(), mail.content());
            case Pop3Script.Step.Send send -> {
                out.write(send.bytes());
                out.flush();
            }
            case Pop3Script.Step.Expect expect -> {
                String line = readLine(in);
                assertTrue(line != null && line.matches(expect.pattern()),
                        "expected /" + expect.pattern() + "/ but got " + quote(line) + " at " + where);
            }
            case Pop3Script.Step.StartTls tls -> {
                socket = Pop3TestServer.handshake(socket);
                in = socket.getInputStream();
                out = socket.getOutputStream();
            }
            case Pop3Script.Step.Closed closed -> assertEquals(null, readLine(in),
                    "expected the server to close at " + where);
            case Pop3Script.Step.Drop drop -> {
                socket.close();
                socket = null;
                server.awaitIdle();
            }
            case Pop3Script.Step.Connect connect -> {
                if (socket != null) {
                    socket.close();
                    server.awaitIdle();
                }
                connect(server, connect.tls());
            }
            case Pop3Script.Step.Files files -> {
                try (Stream<Path> list = Files.list(server.maildir(files.local()).resolve(files.dir()))) {
                    List<String> names = list.map(p -> p.getFileName().toString()).sorted().toList();
                    assertEquals(files.names(), names, where);
                }
            }
        }
    }

    private void connect(Pop3TestServer server, boolean tls) throws Exception {
        InetSocketAddress address = tls ? server.implicitTls() : server.plain();
        socket = new Socket(address.getAddress(), address.getPort());
        socket.setSoTimeout(5000);
        if (tls) {
            socket = Pop3TestServer.handshake(socket);
        }
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** One line up to CRLF, which it must end with; null at the end of the stream. Reads byte by byte. */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        try {
            while ((b = in.read()) != -1) {
                line.write(b);
                byte[] bytes = line.toByteArray();
                if (bytes.length >= 2 && bytes[bytes.length - 2] == '\r' && bytes[bytes.length - 1] == '\n') {
                    return new String(bytes, 0, bytes.length - 2, StandardCharsets.ISO_8859_1);
                }
                if (b == '\n') {
                    return "(bare LF) " + line.toString(StandardCharsets.ISO_8859_1);
                }
            }
        } catch (SocketTimeoutException e) {
            return "(timeout) " + line.toString(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            // A reset after the server closed counts as closed.
        }
        return line.size() == 0 ? null : "(unterminated) " + line.toString(StandardCharsets.ISO_8859_1);
    }

    private static String quote(String line) {
        return line == null ? "the end of the connection" : "\"" + line + "\"";
    }
}
