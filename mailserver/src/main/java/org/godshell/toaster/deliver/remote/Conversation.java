package org.godshell.toaster.deliver.remote;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.godshell.toaster.deliver.Diagnosis;
import org.godshell.toaster.deliver.Outcome;
import org.godshell.toaster.smtp.DotEncoder;
import org.godshell.toaster.smtp.Reply;
import org.godshell.toaster.smtpc.ClientTimeouts;
import org.godshell.toaster.smtpc.Extensions;
import org.godshell.toaster.smtpc.ProtocolException;
import org.godshell.toaster.smtpc.SmtpClient;
import org.godshell.toaster.tlsrpt.TlsResults;

/**
 * One SMTP transaction with one host (RFC 5321 §3.3): greeting, EHLO (HELO when refused), STARTTLS when
 * offered, AUTH PLAIN to a smarthost, MAIL and RCPT (pipelined when offered, RFC 2920), DATA, QUIT.
 *
 * <p>Until the end-of-data dot is sent nothing can have been delivered, so any trouble (timeout, lost
 * connection, malformed reply, a 4xx to the greeting, EHLO or MAIL) sends the delivery on to the next host. Once
 * the host has answered MAIL and RCPT, its per-recipient replies are final for this attempt. A host without
 * SMTPUTF8 takes the recipients it can and passes the others on ({@link MailEncoding}, {@link Attempt.PassOn}).
 */
final class Conversation {

    /** What every conversation of one {@link RemoteDelivery} shares; {@code results} gets each TLS outcome. */
    record Settings(String helo, ClientTimeouts timeouts, TlsResults results) {}

    /** A host's refusal before the transaction: quit, try the next host. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Attempt attempt;

        Refused(Attempt attempt) {
            super(null, null, false, false);
            this.attempt = attempt;
        }
    }

    /** The queued message could not be read: our problem, not the host's. */
    private static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(IOException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    private final Settings settings;
    private final Target host;
    private final HostTls hostTls;
    private final boolean tryTls;
    private final String sender;
    private final List<String> recipients;
    private final MessageSource message;
    private String stage = "connect";
    /** The last EHLO reply offered SMTPUTF8. */
    private boolean offeredSmtputf8;
    /** The recipients this host cannot take for want of SMTPUTF8, once its EHLO reply is known. */
    private Map<String, Diagnosis> needSmtputf8 = Map.of();

    /**
     * @param hostTls how this host must do TLS
     * @param tryTls  whether to try STARTTLS at all: false for the plain-text retry after a failed handshake
     */
    Conversation(Settings settings, Target host, HostTls hostTls, boolean tryTls, String sender,
                 List<String> recipients, MessageSource message) {
        this.settings = settings;
        this.host = host;
        this.hostTls = hostTls;
        this.tryTls = tryTls;
        this.sender = sender;
        this.recipients = List.copyOf(recipients);
        this.message = message;
    }

    Attempt run() {
        Attempt attempt = talk();
        if (attempt instanceof Attempt.Finished finished && !needSmtputf8.isEmpty()) {
            return new Attempt.PassOn(finished.outcomes(), needSmtputf8);
        }
        return attempt;
    }

    private Attempt talk() {
        ClientTimeouts t = settings.timeouts();
        SmtpClient client;
        try {
            client = SmtpClient.connect(host.socketAddress(), t.connect(), t.dataBlock());
        } catch (IOException e) {
            return next("4.4.1", "cannot connect: " + reason(e));
        }
        try (client) {
            return transaction(client);
        } catch (Refused r) {
            quit(client);
            return r.attempt;
        } catch (ProtocolException e) {
            return next("4.5.0", "protocol error during " + stage + ": " + e.getMessage());
        } catch (IOException e) {
            return next("4.4.2", "connection failed during " + stage + ": " + reason(e));
        }
    }

    private Attempt transaction(SmtpClient client) throws IOException, Refused {
        ClientTimeouts t = settings.timeouts();
        stage = "greeting";
        Reply greeting = client.read(t.greeting());
        expect2xx(greeting, "the greeting");
        refuseLoop(greeting);
        Extensions offered = hello(client);
        stage = "STARTTLS";
        switch (new TlsStep(host, hostTls, tryTls, settings.results(), offeredSmtputf8).run(client, offered,
                t.command())) {
            case TlsStep.Result.Secured s -> offered = hello(client);
            case TlsStep.Result.Plain p -> { }
            case TlsStep.Result.Stop stop -> {
                if (stop.quit()) {
                    quit(client);
                }
                return stop.attempt();
            }
        }
        if (host.credentials().isPresent()) {
            authenticate(client, offered);
        }
        MailEncoding encoding = MailEncoding.of(offered, message, sender, recipients, host);
        needSmtputf8 = encoding.needSmtputf8();
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        if (encoding.sendable().isEmpty()) {
            quit(client);
            return new Attempt.Finished(outcomes);
        }
        long size = -1;
        if (offered.size().isPresent()) {
            try {
                size = measure();
            } catch (Unreadable e) {
                quit(client);
                outcomes.putAll(all(encoding.sendable(), unreadable(e)));
                return new Attempt.Finished(outcomes);
            }
            long limit = offered.size().getAsLong();
            if (limit > 0 && size > limit) {
                quit(client);
                // RFC 1870 §6: a message over the announced limit would be refused; don't send it.
                outcomes.putAll(all(encoding.sendable(), new Outcome.Failed(Diagnoses.connection("5.3.4", host,
                        "the message (" + size + " bytes) is larger than the host's limit of " + limit + " bytes"))));
                return new Attempt.Finished(outcomes);
            }
        }
        List<String> accepted = envelope(client, offered, size, encoding, outcomes);
        if (accepted.isEmpty()) {
            quit(client);
            return new Attempt.Finished(outcomes);
        }
        stage = "DATA";
        send(client, "DATA");
        Reply go = client.read(t.dataStart());
        if (go.code() != 354) {
            quit(client);
            accepted.forEach(r -> outcomes.put(r, refusal(go, "DATA")));
            return new Attempt.Finished(outcomes);
        }
        stage = "message data";
        try {
            body(client);
        } catch (Unreadable e) {
            // No dot: closing the connection now makes the host discard the partial message.
            accepted.forEach(r -> outcomes.put(r, unreadable(e)));
            return new Attempt.Finished(outcomes);
        }
        finish(client, accepted, outcomes);
        quit(client);
        return new Attempt.Finished(outcomes);
    }

    /** EHLO, and HELO when EHLO gets a 5xx (RFC 5321 §3.2: a server that does not know EHLO). */
    private Extensions hello(SmtpClient client) throws IOException, Refused {
        stage = "EHLO";
        send(client, "EHLO " + settings.helo());
        Reply reply = client.read(settings.timeouts().command());
        if (reply.code() / 100 == 2) {
            refuseLoop(reply);
            Extensions offered = Extensions.of(reply);
            offeredSmtputf8 = offered.smtputf8();
            return offered;
        }
        if (!reply.isPermanent()) {
            throw refused(reply, "EHLO");
        }
        stage = "HELO";
        send(client, "HELO " + settings.helo());
        expect2xx(client.read(settings.timeouts().command()), "HELO");
        return Extensions.NONE;
    }

    /**
     * A host that greets with our own name is this toaster (an MX pointing back here for a domain in rcpthosts
     * that is not a virtual domain): delivering would loop until the hop limit, so the recipients fail at once
     * with 5.4.6, as Postfix's "mail for ... loops back to myself" and qmail-remote's 5.4.6 do.
     */
    private void refuseLoop(Reply reply) throws Refused {
        String first = reply.lines().isEmpty() ? "" : reply.lines().get(0);
        int space = first.indexOf(' ');
        String name = space < 0 ? first : first.substring(0, space);
        if (name.equalsIgnoreCase(settings.helo())) {
            throw new Refused(new Attempt.Finished(all(recipients, new Outcome.Failed(Diagnoses.connection("5.4.6",
                    host, "mail for this domain loops back to myself (the host greets as " + settings.helo()
                    + "): make the domain a virtual domain (toaster domain add) or route it in control/smtproutes")))));
        }
    }

    /** AUTH PLAIN (RFC 4954 §4, RFC 4616), only inside TLS. */
    private void authenticate(SmtpClient client, Extensions offered) throws IOException, Refused {
        stage = "AUTH";
        if (!client.tls()) {
            throw new Refused(next("4.7.0", "refusing to send the smarthost password in plain text: "
                    + (tryTls ? "the host did not offer STARTTLS or the TLS handshake failed"
                    : "TLS is switched off")));
        }
        if (!offered.authMechanisms().contains("PLAIN")) {
            throw new Refused(next("4.7.0", "a login is configured in control/smarthostauth but the host does not "
                    + "offer AUTH PLAIN (it offers: " + (offered.authMechanisms().isEmpty() ? "no AUTH"
                    : String.join(" ", offered.authMechanisms())) + ")"));
        }
        var login = host.credentials().orElseThrow();
        String token = Base64.getEncoder().encodeToString(("\0" + login.username() + "\0" + login.password())
                .getBytes(StandardCharsets.UTF_8));
        send(client, "AUTH PLAIN " + token);
        Reply reply = client.read(settings.timeouts().command());
        if (reply.code() != 235) {
            // A refused login is a configuration problem here: keep the mail until the admin fixes it.
            throw new Refused(new Attempt.TryNext(Diagnoses.temporary(Diagnoses.of(reply, host, "AUTH PLAIN")),
                    false, offeredSmtputf8));
        }
    }

    /** MAIL and RCPT; returns the accepted recipients and puts the others' outcomes in {@code outcomes}. */
    private List<String> envelope(SmtpClient client, Extensions offered, long size, MailEncoding encoding,
                                  Map<String, Outcome> outcomes) throws IOException, Refused {
        ClientTimeouts t = settings.timeouts();
        List<String> recipients = encoding.sendable();
        stage = "MAIL FROM";
        // RFC 1870 §3: SIZE= is the message size, an estimate before dot-stuffing is fine.
        client.send("MAIL FROM:<" + sender + ">" + (size >= 0 ? " SIZE=" + size : "") + encoding.parameters());
        if (offered.pipelining()) {
            // RFC 2920 §3.1: MAIL and the RCPTs go in one group, the replies are read in order after it.
            for (String recipient : recipients) {
                client.send("RCPT TO:<" + recipient + ">");
            }
        }
        client.flush();
        Reply mail = client.read(t.command());
        if (mail.code() / 100 != 2) {
            if (mail.isPermanent()) {
                outcomes.putAll(all(recipients, new Outcome.Failed(Diagnoses.of(mail, host, "MAIL FROM"))));
                throw new Refused(new Attempt.Finished(outcomes));
            }
            throw refused(mail, "MAIL FROM");
        }
        List<String> accepted = new ArrayList<>();
        for (String recipient : recipients) {
            stage = "RCPT TO:<" + recipient + ">";
            if (!offered.pipelining()) {
                send(client, "RCPT TO:<" + recipient + ">");
            }
            Reply reply = client.read(t.command());
            if (reply.code() / 100 == 2) {
                accepted.add(recipient);
            } else {
                outcomes.put(recipient, refusal(reply, "RCPT TO"));
            }
        }
        return accepted;
    }

    private void body(SmtpClient client) throws IOException, Unreadable {
        DotEncoder encoder = new DotEncoder(client.data());
        byte[] buffer = new byte[64 * 1024];
        InputStream in = openMessage();
        try {
            while (true) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (IOException e) {
                    throw new Unreadable(e);
                }
                if (n < 0) {
                    break;
                }
                encoder.write(buffer, 0, n);
            }
        } finally {
            try {
                in.close();
            } catch (IOException e) {
                // Every byte was read or the delivery is already failing; a failed close changes neither.
            }
        }
        encoder.finish();
    }

    /** The reply to the end of data decides every accepted recipient. */
    private void finish(SmtpClient client, List<String> accepted, Map<String, Outcome> outcomes) {
        stage = "end of data";
        Reply reply;
        try {
            reply = client.read(settings.timeouts().dataEnd());
        } catch (IOException e) {
            // RFC 1047: the host may have the message already; retrying risks a duplicate, which beats a loss.
            Diagnosis why = Diagnoses.connection("4.4.2", host, "no reply after the end of data ("
                    + reason(e) + "); the message may arrive twice");
            accepted.forEach(r -> outcomes.put(r, new Outcome.Deferred(why)));
            return;
        }
        for (String recipient : accepted) {
            outcomes.put(recipient, reply.code() / 100 == 2
                    ? new Outcome.Delivered(Diagnosis.clean(host.describe() + " said: " + Diagnoses.oneLine(reply)
                    + (client.tls() ? " (" + client.tlsDescription() + ")" : " (no TLS)")))
                    : refusal(reply, "end of data"));
        }
    }

    private long measure() throws Unreadable {
        try (InputStream in = openMessage()) {
            return in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new Unreadable(e);
        }
    }

    private InputStream openMessage() throws Unreadable {
        try {
            return message.open();
        } catch (IOException e) {
            throw new Unreadable(e);
        }
    }

    private Outcome refusal(Reply reply, String command) {
        Diagnosis why = Diagnoses.of(reply, host, command);
        return reply.isPermanent() ? new Outcome.Failed(why) : new Outcome.Deferred(Diagnoses.temporary(why));
    }

    private static Outcome unreadable(Unreadable e) {
        return new Outcome.Deferred(Diagnosis.local("4.3.0", "cannot read the queued message: "
                + Diagnosis.clean(String.valueOf(e.getMessage()))));
    }

    private static Map<String, Outcome> all(List<String> recipients, Outcome outcome) {
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        recipients.forEach(r -> outcomes.put(r, outcome));
        return outcomes;
    }

    private void expect2xx(Reply reply, String command) throws Refused {
        if (reply.code() / 100 != 2) {
            throw refused(reply, command);
        }
    }

    private Refused refused(Reply reply, String command) {
        return new Refused(new Attempt.TryNext(Diagnoses.temporary(Diagnoses.of(reply, host, command)), false,
                offeredSmtputf8));
    }

    private Attempt.TryNext next(String status, String what) {
        return new Attempt.TryNext(Diagnoses.connection(status, host, what), false, offeredSmtputf8);
    }

    private static void send(SmtpClient client, String command) throws IOException {
        client.send(command);
        client.flush();
    }

    /** QUIT, politely and briefly; its reply changes nothing. */
    private void quit(SmtpClient client) {
        try {
            send(client, "QUIT");
            client.read(settings.timeouts().quit());
        } catch (IOException e) {
            // The transaction's result is settled; a host that drops the line at QUIT does no harm.
        }
    }

    private static String reason(IOException e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return e instanceof SocketTimeoutException ? "timeout: " + text : text;
    }
}
