package org.godshell.toaster.smtpd;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.regex.Pattern;
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
import org.godshell.toaster.spp.HookResult;
import org.godshell.toaster.spp.Section;
import org.godshell.toaster.smtp.Replies;
import org.godshell.toaster.smtp.Reply;

/**
 * One SMTP connection: the loop that reads commands, hands each to its handler, and writes the replies. It is
 * the only code that touches the socket, and its {@link #run} is the one catch point of the connection.
 *
 * <p>Replies are buffered and flushed when the client has nothing more pipelined (RFC 2920 §3.2), so a whole
 * pipelined group is answered in one write.
 */
final class Session implements Runnable, GracefulStop.Stoppable {

    /**
     * 5xx replies a client may collect without getting a message accepted before it is dropped with 421
     * (Postfix's smtpd_hard_error_limit and its reset on delivery); qmail-smtpd has no such limit, so a
     * client could send unknown commands forever.
     */
    static final int MAX_ERRORS = 20;

    /** Seconds, at most four digits; compiled once, not by {@code String.matches} at every connection. */
    private static final Pattern GREETDELAY = Pattern.compile("\\d{1,4}");

    private final Socket socket;
    private final SessionContext context;
    private final Consumer<Session> onEnd;
    /** RFC 8314 §3: on the submissions/SMTPS port TLS starts before the greeting. */
    private final boolean tlsOnConnect;
    private volatile boolean stopRequested;
    private volatile boolean receivingData;
    /** 5xx replies since the session began or since the last message accepted. */
    private int errors;

    Session(Socket socket, SessionContext context, boolean tlsOnConnect, Consumer<Session> onEnd) {
        this.tlsOnConnect = tlsOnConnect;
        this.socket = socket;
        this.context = context;
        this.onEnd = onEnd;
    }

    /**
     * Asks the session to end with 421: at once when it waits for a command, after the message when it is
     * receiving one (the server calls {@link #forceStop} when the grace period is over).
     */
    @Override
    public void requestStop() {
        stopRequested = true;
        if (!receivingData) {
            forceStop();
        }
    }

    @Override
    public void forceStop() {
        stopRequested = true;
        try {
            socket.shutdownInput();
        } catch (IOException e) {
            // The connection is already gone: nothing left to stop.
        }
    }

    @Override
    public void run() {
        try (socket) {
            Streams streams = new Streams(socket, context.config.timeoutSmtpd().toMillis());
            try {
                converse(streams);
            } catch (SocketTimeoutException e) {
                context.log.event(context.id, "timeout");
                send(streams.out, Replies.TIMEOUT);
            }
        } catch (IOException e) {
            context.log.event(context.id, "connection lost: " + e.getMessage());
        } finally {
            context.abandonTransaction();
            context.observer.sessionEnded(context.port, context.tlsVersion());
            onEnd.accept(this);
        }
    }

    /** The connection's streams, replaced when STARTTLS turns the connection into TLS. */
    private static final class Streams {
        DeadlineInputStream in;
        OutputStream out;
        CommandReader reader;

        Streams(Socket connection, long timeout) throws IOException {
            in = new DeadlineInputStream(connection, connection.getInputStream());
            out = output(connection, connection.getOutputStream(), timeout);
            reader = new CommandReader(in);
        }

        /**
         * qmail's timeoutwrite: timeoutsmtpd bounds each write too, for clients that never read replies. Made on
         * the session's virtual thread, the JDK's default buffer starts at 512 bytes and grows to 8 KB when a
         * pipelined group's replies need it, so an idle session does not hold 8 KB for its next short reply
         * (bench/idle.sh).
         */
        static OutputStream output(Socket tcp, OutputStream out, long timeout) {
            return new BufferedOutputStream(new DeadlineOutputStream(tcp, out, timeout));
        }
    }

    private void converse(Streams streams) throws IOException {
        long timeout = context.config.timeoutSmtpd().toMillis();
        if (tlsOnConnect) {
            startTls(streams, timeout);
        }
        switch (context.spp.run(Section.CONNECTION)) {
            case HookResult.Proceed proceed -> {
                if (!greet(streams.in, streams.out)) {
                    return;
                }
            }
            // An E at connect refuses the session itself: sent in place of the greeting, then closed.
            case HookResult.Refuse refuse -> {
                context.log.refusal(context, "connect", refuse.reply(), "plugin");
                send(streams.out, refuse.reply());
                return;
            }
            case HookResult.Close close -> {
                context.log.refusal(context, "connect", close.reply(), "plugin");
                send(streams.out, close.reply());
                return;
            }
            case HookResult.Drop drop -> {
                context.log.dropped(context, "connect");
                return;
            }
        }
        while (true) {
            streams.in.startDeadline(timeout);
            CommandLine line = streams.reader.read();
            if (line instanceof Eof) {
                if (stopRequested) {
                    send(streams.out, Replies.serviceUnavailable(context.config.me(), "shutting down"));
                }
                return;
            }
            if (!perform(step(line), streams, timeout)) {
                return;
            }
            if (errors >= MAX_ERRORS) {
                context.log.event(context.id, TransactionLog.clientEvent("too many errors", context));
                send(streams.out, Replies.TOO_MANY_ERRORS);
                return;
            }
            if (stopRequested) {
                send(streams.out, Replies.serviceUnavailable(context.config.me(), "shutting down"));
                return;
            }
            if (streams.reader.buffered() == 0 && streams.in.available() == 0) {
                streams.out.flush();
            }
        }
    }

    /** Carries out what a handler asked for; false when the session ends. */
    private boolean perform(Step step, Streams streams, long timeout) throws IOException {
        switch (step) {
            case Step.Respond respond -> write(streams.out, respond.reply());
            case Step.Close close -> {
                send(streams.out, close.reply());
                return false;
            }
            case Step.Drop drop -> {
                return false;
            }
            case Step.StartTls start -> {
                send(streams.out, start.goAhead());
                startTls(streams, timeout);
            }
            case Step.ReceiveData data -> {
                send(streams.out, data.goAhead());
                receivingData = true;
                streams.in.startDeadline(timeout);
                Step outcome = ((DataHandler) CommandTable.handler(Verb.DATA)).receive(context, streams.reader);
                receivingData = false;
                Verdicts.message(context, outcome);
                if (outcome instanceof Step.Respond respond && respond.reply().code() / 100 == 2) {
                    errors = 0;
                }
                return perform(outcome, streams, timeout);
            }
            case Step.Challenge challenge -> {
                // RFC 4954 §4: one line answers a challenge; an over-long or broken one is malformed input.
                send(streams.out, challenge.challenge());
                streams.in.startDeadline(timeout);
                CommandLine answer = streams.reader.read();
                if (answer instanceof Eof) {
                    return false;
                }
                return perform(answer instanceof Line text ? challenge.next().apply(text.text())
                        : Step.respond(Replies.AUTH_MALFORMED), streams, timeout);
            }
        }
        return true;
    }

    /**
     * The TLS handshake on the same connection. Whatever the client pipelined after STARTTLS is dropped
     * unread (RFC 3207 §6, CVE-2011-0411), so no plain-text command can run inside TLS.
     */
    private void startTls(Streams streams, long timeout) throws IOException {
        streams.reader.discardBuffered();
        streams.in.startDeadline(timeout);
        socket.setSoTimeout((int) Math.min(timeout, Integer.MAX_VALUE));
        SSLSocket tls = context.tls.current().upgrade(socket);
        streams.in = new DeadlineInputStream(tls, tls.getInputStream());
        streams.out = Streams.output(socket, tls.getOutputStream(), timeout);
        streams.reader = new CommandReader(streams.in);
        String info = tls.getSession().getProtocol() + " " + tls.getSession().getCipherSuite();
        context.tlsStarted(info);
        context.log.event(context.id, "TLS started: " + info);
    }

    /**
     * The greeting, unless the client talked first. {@code GREETDELAY} (seconds, set per source in tcp.smtp, as
     * the qmail greetdelay patch reads it) makes the server wait that long for a client that cannot wait.
     */
    private boolean greet(DeadlineInputStream in, OutputStream out) throws IOException {
        if (talksFirst(in)) {
            context.log.event(context.id, "refused: talked before the greeting stage=connect reason=earlytalker");
            send(out, Replies.TALKED_FIRST);
            return false;
        }
        send(out, Replies.greeting(context.config.greeting()));
        return true;
    }

    private boolean talksFirst(DeadlineInputStream in) throws IOException {
        if (in.available() > 0) {
            return true;
        }
        long delay = greetDelayMillis();
        if (delay == 0) {
            return false;
        }
        in.startDeadline(delay);
        try {
            return in.read() != -1;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    private long greetDelayMillis() {
        String value = context.environment.getOrDefault("GREETDELAY", "0").strip();
        return GREETDELAY.matcher(value).matches() ? Long.parseLong(value) * 1000 : 0;
    }

    private Step step(CommandLine line) {
        return switch (line) {
            case Line text -> Verb.of(text.text())
                    .map(verb -> logged(verb, counted(verb, CommandTable.refusal(verb, context.state())
                            .map(Step::respond)
                            .orElseGet(() -> CommandTable.handler(verb).handle(context,
                                    Verb.argument(text.text()))))))
                    .orElse(Step.respond(Replies.UNRECOGNIZED));
            case TooLong tooLong -> Step.respond(Replies.LINE_TOO_LONG);
            case BareLineEnding bare -> Step.respond(Replies.BARE_LINE_ENDING);
            case HasNul nul -> Step.respond(Replies.NUL);
            case Malformed malformed -> Step.respond(Replies.MALFORMED);
            case Eof eof -> throw new IllegalStateException("the loop handles the end of input");
        };
    }

    /** The steps of a transaction's commands are counted ({@link Verdicts}); the others are not. */
    private Step counted(Verb verb, Step step) {
        if (verb == Verb.MAIL || verb == Verb.RCPT || verb == Verb.DATA) {
            Verdicts.command(context, step);
        }
        return step;
    }

    /**
     * Logs a refusal of the commands that carry mail (HELO/EHLO, MAIL, RCPT, DATA) with its stage and reason,
     * for {@code toaster stats}; AUTH has lines of its own, and the rest refuse nothing worth counting.
     */
    private Step logged(Verb verb, Step step) {
        String stage = switch (verb) {
            case HELO, EHLO -> "helo";
            case MAIL -> "mail";
            case RCPT -> "rcpt";
            case DATA -> "data";
            default -> null;
        };
        if (stage != null) {
            switch (step) {
                case Step.Respond respond when respond.reply().code() >= 400 -> context.log.refusal(context, stage,
                        respond.reply(), RefusalReason.of(respond.reply(), context.spp));
                case Step.Close close -> context.log.refusal(context, stage, close.reply(),
                        RefusalReason.of(close.reply(), context.spp));
                case Step.Drop drop -> context.log.dropped(context, stage);
                default -> {
                }
            }
        }
        return step;
    }

    /**
     * A reply, after any lines plugins printed with {@code P} for it (qmail-spp.md §4). Every 5xx counts
     * towards {@link #MAX_ERRORS}, whatever refused the command: the parser, the state table, a policy check
     * or a plugin.
     */
    private void write(OutputStream out, Reply reply) throws IOException {
        if (reply.code() >= 500) {
            errors++;
        }
        for (String line : context.spp.takePreface()) {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        out.write(reply.toWire(true).getBytes(StandardCharsets.UTF_8));
    }

    private void send(OutputStream out, Reply reply) throws IOException {
        write(out, reply);
        out.flush();
    }
}
