package org.godshell.toaster.reload;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.godshell.toaster.tls.ServerTls;

/**
 * The far end of a remote delivery: an SMTP server on loopback that smtproutes sends a domain to. It records what
 * each connection said (EHLO name, AUTH, recipients, whether a message arrived), so a test sees what the running
 * daemon's delivery did after an edit.
 */
final class Sink implements AutoCloseable {

    enum Mode {
        /** Takes every message. */
        ACCEPT,
        /** Refuses every recipient for now (451): the message waits in the queue. */
        DEFER,
        /** Takes the connection and never says a word: the greeting never comes. */
        SILENT,
        /** Greets only once {@link #open} is called: every connection stays waiting until then. */
        GATED,
        /** Offers STARTTLS, and AUTH PLAIN inside TLS, as a smarthost does. */
        TLS_AUTH
    }

    /** What one connection said. */
    static final class Session {
        volatile String helo = "";
        volatile String auth = "";
        volatile boolean delivered;
        final List<String> recipients = new CopyOnWriteArrayList<>();
    }

    final List<Session> sessions = new CopyOnWriteArrayList<>();
    private final Mode mode;
    private final ServerTls tls;
    private final ServerSocket server;
    private final CountDownLatch gate = new CountDownLatch(1);
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    /** {@code tls}: the certificate for {@link Mode#TLS_AUTH}, else null. */
    Sink(Mode mode, ServerTls tls) throws IOException {
        this.mode = mode;
        this.tls = tls;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        Thread.ofVirtual().start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /** A {@link Mode#GATED} sink greets its waiting connections and every later one. */
    void open() {
        gate.countDown();
    }

    /** The session in which a message for {@code recipient} arrived, if one did. */
    Optional<Session> delivered(String recipient) {
        return sessions.stream().filter(s -> s.delivered && s.recipients.contains(recipient)).findFirst();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                Session session = new Session();
                sessions.add(session);
                Thread.ofVirtual().start(() -> {
                    try (socket) {
                        serve(socket, session);
                    } catch (Exception e) {
                        // The daemon gave up or the sink closed: either is what the scenario is about.
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket, Session session) throws Exception {
        InputStream in = new BufferedInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        if (mode == Mode.SILENT) {
            in.read();                                                  // until the daemon hangs up
            return;
        }
        if (mode == Mode.GATED) {
            gate.await();
        }
        reply(out, "220 sink.test ESMTP");
        boolean inTls = false;
        String command;
        while ((command = command(in)) != null) {
            String verb = command.split(" ", 2)[0].toUpperCase(Locale.ROOT);
            String argument = command.substring(Math.min(command.length(), verb.length() + 1));
            switch (verb) {
                case "EHLO" -> {
                    session.helo = argument;
                    String extra = mode != Mode.TLS_AUTH ? "" : inTls ? "250-AUTH PLAIN\r\n" : "250-STARTTLS\r\n";
                    raw(out, "250-sink.test\r\n" + extra + "250 8BITMIME\r\n");
                }
                case "HELO" -> {
                    session.helo = argument;
                    reply(out, "250 sink.test");
                }
                case "STARTTLS" -> {
                    reply(out, "220 2.0.0 go ahead");
                    Socket secure = tls.upgrade(socket);
                    in = new BufferedInputStream(secure.getInputStream());
                    out = secure.getOutputStream();
                    inTls = true;
                }
                case "AUTH" -> {
                    String token = argument.substring(argument.indexOf(' ') + 1);
                    session.auth = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
                    reply(out, "235 2.7.0 ok");
                }
                case "RCPT" -> {
                    session.recipients.add(argument.substring(argument.indexOf('<') + 1, argument.indexOf('>')));
                    reply(out, mode == Mode.DEFER ? "451 4.3.0 not now" : "250 2.1.5 ok");
                }
                case "DATA" -> {
                    reply(out, "354 go ahead");
                    // The message itself does not matter here, only that it arrived whole.
                    for (String line = command(in); !".".equals(line); line = command(in)) {
                        if (line == null) {
                            return;
                        }
                    }
                    session.delivered = true;
                    reply(out, "250 2.0.0 ok");
                }
                case "MAIL", "RSET", "NOOP" -> reply(out, "250 2.0.0 ok");
                case "QUIT" -> {
                    reply(out, "221 2.0.0 bye");
                    return;
                }
                default -> reply(out, "502 5.5.1 unimplemented");
            }
        }
    }

    private static String command(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            line.write(c);
        }
        if (c == -1) {
            return null;
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static void reply(OutputStream out, String line) throws IOException {
        raw(out, line + "\r\n");
    }

    private static void raw(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        gate.countDown();
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
    }
}
