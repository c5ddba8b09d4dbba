package org.godshell.toaster.pop3;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.SSLSocket;
import org.godshell.toaster.net.DeadlineInputStream;
import org.godshell.toaster.net.DeadlineOutputStream;
import org.godshell.toaster.net.GracefulStop;
import org.godshell.toaster.smtp.BareLineEnding;
import org.godshell.toaster.smtp.CommandLine;
import org.godshell.toaster.smtp.CommandReader;
import org.godshell.toaster.smtp.Eof;
import org.godshell.toaster.smtp.HasNul;
import org.godshell.toaster.smtp.Line;
import org.godshell.toaster.smtp.Malformed;
import org.godshell.toaster.smtp.TooLong;
import org.godshell.toaster.tls.TlsSource;

/**
 * One POP3 connection: the loop that reads commands, hands each to its handler and writes the replies. It is
 * the only code that touches the socket, and its {@link #run} is the one catch point of the connection; its
 * end, however it comes, releases the mailbox without changing it.
 *
 * <p>Replies are buffered and flushed when the client has nothing more pipelined (RFC 2449 §6.6, PIPELINING).
 */
final class Session implements Runnable, GracefulStop.Stoppable {

    /** RFC 2449 §4: a command line is at most 255 octets, CRLF included. */
    static final int MAX_LINE = 255;
    /** Bad or unknown commands in a row before the server gives up on the client. */
    static final int MAX_ERRORS = 20;

    private final Socket socket;
    private final SessionContext context;
    private final Optional<TlsSource> tls;
    /** RFC 8314 §3: on port 995 TLS starts before the greeting. */
    private final boolean tlsOnConnect;
    private final Consumer<Session> onEnd;
    private volatile boolean stopRequested;
    private volatile boolean busy;

    Session(Socket socket, SessionContext context, Optional<TlsSource> tls, boolean tlsOnConnect,
            Consumer<Session> onEnd) {
        this.socket = socket;
        this.context = context;
        this.tls = tls;
        this.tlsOnConnect = tlsOnConnect;
        this.onEnd = onEnd;
    }

    /**
     * Ends the session: at once when it waits for a command (the loop sees the end of input and says why),
     * after the command it is serving otherwise.
     */
    @Override
    public void requestStop() {
        stopRequested = true;
        if (!busy) {
            try {
                socket.shutdownInput();
            } catch (IOException e) {
                // The connection is already gone: nothing left to stop.
            }
        }
    }

    /** Cuts the connection, even in the middle of a message; the mailbox is released unchanged. */
    @Override
    public void forceStop() {
        stopRequested = true;
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }

    @Override
    public void run() {
        try (socket; context) {
            Streams streams = new Streams(socket, context.config.timeout().toMillis());
            try {
                converse(streams);
            } catch (SocketTimeoutException e) {
                context.log.event(context.id, "timeout");
                send(streams.out, Replies.TIMEOUT);
            }
        } catch (IOException e) {
            context.log.event(context.id, "connection lost: " + e.getMessage());
        } catch (RuntimeException e) {
            // A bug, not the client's doing: logged, the connection dropped, the mailbox released unchanged.
            context.log.event(context.id, "internal error: " + e);
        } finally {
            onEnd.accept(this);
        }
    }

    /** The connection's streams, replaced when the connection turns into TLS. */
    private static final class Streams {
        /** The TCP connection under any TLS: the one the write watchdog closes. */
        private final Socket tcp;
        /** qmail-pop3d's timeoutwrite: the autologout time bounds each write, for clients that stop reading. */
        private final long timeout;
        DeadlineInputStream in;
        OutputStream out;
        CommandReader reader;

        Streams(Socket tcp, long timeout) throws IOException {
            this.tcp = tcp;
            this.timeout = timeout;
            use(tcp);
        }

        void use(Socket connection) throws IOException {
            in = new DeadlineInputStream(connection, connection.getInputStream());
            out = new BufferedOutputStream(new DeadlineOutputStream(tcp, connection.getOutputStream(), timeout),
                    16 * 1024);
            reader = CommandReader.withLimit(in, MAX_LINE);
        }
    }

    private void converse(Streams streams) throws IOException {
        long timeout = context.config.timeout().toMillis();
        if (tlsOnConnect) {
            startTls(streams, timeout);
        }
        send(streams.out, Reply.ok(context.config.me() + " POP3 server ready"));
        int errors = 0;
        while (true) {
            streams.in.startDeadline(timeout);
            CommandLine line = streams.reader.read();
            if (line instanceof Eof) {
                if (stopRequested) {
                    send(streams.out, Replies.SHUTTING_DOWN);
                }
                return;
            }
            busy = true;
            Step step = step(line);
            errors = step instanceof Step.Respond respond && !respond.reply().ok() ? errors + 1 : 0;
            if (!perform(step, streams, timeout)) {
                return;
            }
            busy = false;
            if (errors >= MAX_ERRORS) {
                context.log.event(context.id, Pop3Log.clientEvent("too many errors", context.client));
                send(streams.out, Replies.TOO_MANY_ERRORS);
                return;
            }
            if (stopRequested) {
                send(streams.out, Replies.SHUTTING_DOWN);
                return;
            }
            if (streams.reader.buffered() == 0 && streams.in.available() == 0) {
                streams.out.flush();
            }
        }
    }

    private Step step(CommandLine line) {
        return switch (line) {
            case Line text -> Verb.of(text.text())
                    .map(verb -> CommandTable.refusal(verb, context.state())
                            .map(Step::respond)
                            .orElseGet(() -> CommandTable.handler(verb).handle(context, Verb.argument(text.text()))))
                    .orElse(Step.respond(Replies.UNKNOWN));
            case TooLong tooLong -> Step.respond(Replies.LINE_TOO_LONG);
            case BareLineEnding bare -> Step.respond(Replies.BARE_LINE_ENDING);
            case HasNul nul -> Step.respond(Replies.NUL);
            case Malformed malformed -> Step.respond(Replies.MALFORMED);
            case Eof eof -> throw new IllegalStateException("the loop handles the end of input");
        };
    }

    /** Carries out what a handler asked for; false when the session ends. */
    private boolean perform(Step step, Streams streams, long timeout) throws IOException {
        switch (step) {
            case Step.Respond respond -> streams.out.write(respond.reply().toWire());
            case Step.Close close -> {
                send(streams.out, close.reply());
                return false;
            }
            case Step.StartTls start -> {
                send(streams.out, start.goAhead());
                startTls(streams, timeout);
            }
            case Step.SendMessage message -> {
                try (InputStream in = message.message()) {
                    streams.out.write(message.status().toWire());
                    MessageText.write(in, streams.out, message.bodyLines());
                }
            }
        }
        return true;
    }

    /**
     * The TLS handshake on the same connection. Whatever the client pipelined after STLS is dropped unread
     * (RFC 2595 §4 and the CVE-2011-0411 class of injection), so no plain-text command can run inside TLS.
     */
    private void startTls(Streams streams, long timeout) throws IOException {
        streams.reader.discardBuffered();
        socket.setSoTimeout((int) Math.min(timeout, Integer.MAX_VALUE));
        SSLSocket secure = tls.orElseThrow(() -> new IllegalStateException("TLS without a certificate"))
                .current().upgrade(socket);
        streams.use(secure);
        String info = secure.getSession().getProtocol() + " " + secure.getSession().getCipherSuite();
        context.tlsStarted(info);
        context.log.event(context.id, "TLS started: " + info);
    }

    private static void send(OutputStream out, Reply reply) throws IOException {
        out.write(reply.toWire());
        out.flush();
    }
}
