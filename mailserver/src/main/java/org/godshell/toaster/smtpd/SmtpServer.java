package org.godshell.toaster.smtpd;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.Live;
import org.godshell.toaster.config.SmtpConfig;
import org.godshell.toaster.config.TcpRules;
import org.godshell.toaster.net.Acceptor;
import org.godshell.toaster.msgauth.MessageChecks;
import org.godshell.toaster.net.ClampWarning;
import org.godshell.toaster.net.ConnectionLimiter;
import org.godshell.toaster.net.DeadlineInputStream;
import org.godshell.toaster.net.DescriptorBudget;
import org.godshell.toaster.net.GracefulStop;
import org.godshell.toaster.net.ProxyHeader;
import org.godshell.toaster.queue.Queue;
import org.godshell.toaster.smtp.Replies;
import org.godshell.toaster.spp.SppEngine;
import org.godshell.toaster.tls.TlsConfig;
import org.godshell.toaster.tls.TlsSource;

/**
 * The SMTP listeners: one acceptor per address, a virtual thread per connection, blocking I/O (DESIGN.md
 * principle 6). Connections over the limits get 421 ({@link ConnectionLimits}: the per-address limit spares our
 * own networks; the total is kept within the open-files limit); clients a tcp.smtp rule denies get 554.
 * Connections from a proxy listed in {@code proxyfrom} start with a PROXY protocol header, and the client it
 * names is judged. The settings are asked for at every connection ({@link Live}), so an edit of a control file
 * applies to the next session; only the listen addresses are fixed at {@link #start}.
 *
 * <p>{@link #stop} is graceful: no new connections; sessions waiting for a command get 421 at once; sessions
 * receiving a message may finish it within the grace period, then they are cut.
 */
public final class SmtpServer implements AutoCloseable {

    private final Live<SmtpConfig> config;
    private final Queue queue;
    private final TransactionLog log;
    private final SppEngine plugins;
    private final TlsSource tls;
    private final List<InetSocketAddress> implicitTls;
    private final Logins logins;
    private final Recipients recipients;
    private final MessageChecks checks;
    private final ConnectionLimiter limiter = new ConnectionLimiter();
    private final DescriptorBudget descriptors = DescriptorBudget.ofThisProcess();
    private final ClampWarning clampWarning = new ClampWarning(descriptors, "concurrencyincoming");
    private final List<ServerSocket> listeners = new ArrayList<>();
    private final List<Port> ports = new ArrayList<>();
    private final List<Thread> acceptors = new ArrayList<>();
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicLong sessionCounter = new AtomicLong();
    private final String idPrefix = Long.toString(System.currentTimeMillis() / 1000 % 1_000_000, 36);
    private final SmtpObserver observer;
    private volatile boolean stopping;

    /**
     * {@code tls}: certificates for STARTTLS and the addresses where TLS starts on connect; {@code recipients}:
     * who has mail at our virtual domains, for RCPT from clients that may not relay.
     */
    public SmtpServer(Live<SmtpConfig> config, Queue queue, SppEngine plugins, TlsConfig tls, Logins logins,
            Recipients recipients, MessageChecks checks, TransactionLog log) {
        this(config, queue, plugins, tls, logins, recipients, checks, log, SmtpObserver.NONE);
    }

    /** As above, with every connection, session, verdict and failed login told to {@code observer}. */
    public SmtpServer(Live<SmtpConfig> config, Queue queue, SppEngine plugins, TlsConfig tls, Logins logins,
            Recipients recipients, MessageChecks checks, TransactionLog log, SmtpObserver observer) {
        this.observer = observer;
        this.logins = logins;
        this.checks = checks;
        this.recipients = recipients;
        this.config = config;
        this.queue = queue;
        this.plugins = plugins;
        this.tls = tls.server().orElse(null);
        this.implicitTls = tls.implicitTls();
        this.log = log;
    }

    /** Settings that stay as they are, and no message checks (tests, tools). */
    public SmtpServer(SmtpConfig config, Queue queue, SppEngine plugins, TlsConfig tls, Logins logins,
            Recipients recipients, TransactionLog log) {
        this(Live.fixed(config), queue, plugins, tls, logins, recipients, MessageChecks.NONE, log);
    }

    /**
     * Binds every address of {@code listen-smtp} and {@code listen-smtps} (port 0 picks a free one) and starts
     * accepting.
     */
    public void start() throws IOException {
        logClamp(config.get().maxConnections());
        for (InetSocketAddress address : config.get().listenSmtp()) {
            listen(address, Port.SMTP);
        }
        for (InetSocketAddress address : implicitTls) {
            listen(address, Port.SMTPS);
        }
        for (InetSocketAddress address : logins.submission()) {
            listen(address, Port.SUBMISSION);
        }
    }

    /**
     * The kinds of listener: port 25 (mail from anywhere), 465 (TLS on connect, RFC 8314) and 587 (RFC 6409);
     * on the last two MAIL needs a login.
     */
    public enum Port { SMTP, SMTPS, SUBMISSION }

    /** A bound listener: its real address (port 0 resolved) and what it serves. */
    public record Listener(InetSocketAddress address, Port port) {
    }

    private void listen(InetSocketAddress address, Port port) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(true);
        try {
            listener.bind(address, 1024);
        } catch (IOException e) {
            listener.close();
            close();
            throw new IOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
        listeners.add(listener);
        ports.add(port);
        acceptors.add(Thread.ofPlatform().name("smtpd-accept-" + address)
                .start(() -> accept(listener, port)));
    }

    /** Where the listeners are bound (listen-smtp, listen-smtps, listen-submission in order), real ports. */
    public List<InetSocketAddress> addresses() {
        return listeners().stream().map(Listener::address).toList();
    }

    /** Every listener with what it serves, in the order of {@link #addresses}. */
    public List<Listener> listeners() {
        List<Listener> out = new ArrayList<>();
        for (int i = 0; i < listeners.size(); i++) {
            out.add(new Listener((InetSocketAddress) listeners.get(i).getLocalSocketAddress(), ports.get(i)));
        }
        return List.copyOf(out);
    }

    private void accept(ServerSocket listener, Port port) {
        Acceptor.run(listener, () -> stopping, socket -> open(socket, port), line -> log.event("-", line));
    }

    private void open(Socket socket, Port port) {
        String id = idPrefix + "." + sessionCounter.incrementAndGet();
        int localPort = socket.getLocalPort();
        observer.connected(localPort);
        SmtpConfig config = this.config.get();
        Optional<InetSocketAddress> judged = client(socket, config, id);
        if (judged.isEmpty()) {
            return;
        }
        InetSocketAddress client = judged.get();
        TcpRules.Rule rule = config.rules().match(client.getAddress());
        if (!rule.allow()) {
            log.event(id, "refused " + client.getAddress().getHostAddress() + " by " + rule.source()
                    + " stage=connect reason=tcprules");
            observer.connectionRefused(localPort, SmtpObserver.Refusal.RULE);
            refuse(socket, Replies.DENIED_BY_RULE.toWire(true));
            return;
        }
        logClamp(config.maxConnections());
        ConnectionLimits limits = ConnectionLimits.of(config, descriptors, client.getAddress(), rule);
        if (stopping || !limiter.tryAcquire(client.getAddress(), limits.total(), limits.perAddress())) {
            log.event(id, "refused " + client.getAddress().getHostAddress()
                    + ": too many connections stage=connect reason=connections");
            observer.connectionRefused(localPort, SmtpObserver.Refusal.LIMIT);
            refuse(socket, Replies.serviceUnavailable(config.me(), "too many connections, try later").toWire(true));
            return;
        }
        SessionContext context = new SessionContext(config, queue, tls, logins, recipients, checks,
                port != Port.SMTP, log, id, client, (InetSocketAddress) socket.getLocalSocketAddress(),
                rule.variables());
        try {
            context.spp = plugins.open(context.environment, line -> log.event(id, line), observer);
            context.observer = observer;
            context.port = localPort;
        } catch (ConfigException e) {
            log.event(id, "refused: " + e.getMessage() + " stage=connect reason=controls");
            limiter.release(client.getAddress());
            refuse(socket, Replies.UNABLE_TO_READ_CONTROLS.toWire(true));
            return;
        }
        Session session = new Session(socket, context, port == Port.SMTPS, ended -> {
            sessions.remove(ended);
            limiter.release(client.getAddress());
        });
        sessions.add(session);
        session.run();
    }

    /**
     * Who the client is: the peer, or, when the peer is a proxy listed in {@code proxyfrom}, the client its PROXY
     * header names, so that tcp.smtp, the limits, the log, Received and the plugins judge the real client (a
     * local proxy would otherwise make every client 127.0.0.1). The header comes first, before TLS on port 465
     * too, within timeoutsmtpd. A listed proxy that sends no valid header is cut without a reply, and the
     * result is empty: the proxy is not an SMTP client, and there is no client to answer. Over
     * concurrencyincoming, a proxied connection gets {@code 421} before its header is read.
     */
    private Optional<InetSocketAddress> client(Socket socket, SmtpConfig config, String id) {
        InetSocketAddress peer = (InetSocketAddress) socket.getRemoteSocketAddress();
        if (!config.proxyFrom().contains(peer.getAddress())) {
            return Optional.of(peer);
        }
        String proxy = peer.getAddress().getHostAddress();
        // A connection awaiting its header holds a slot of concurrencyincoming (under the proxy's address, which
        // may carry that many), so a flood of silent connections from a proxy cannot pile up past the limit.
        int total = descriptors.clamp(config.maxConnections());
        if (stopping || !limiter.tryAcquire(peer.getAddress(), total, total)) {
            log.event(id, "refused proxy " + proxy + ": too many connections stage=connect reason=connections");
            observer.connectionRefused(socket.getLocalPort(), SmtpObserver.Refusal.LIMIT);
            refuse(socket, Replies.serviceUnavailable(config.me(), "too many connections, try later").toWire(true));
            return Optional.empty();
        }
        try {
            DeadlineInputStream in = new DeadlineInputStream(socket, socket.getInputStream());
            in.startDeadline(config.timeoutSmtpd().toMillis());
            InetSocketAddress client = ProxyHeader.read(in).orElse(peer);
            log.event(id, "proxy " + proxy + " for " + client.getAddress().getHostAddress());
            return Optional.of(client);
        } catch (IOException e) {
            log.event(id, "refused proxy " + proxy + ": " + e.getMessage() + " stage=connect reason=proxy");
            try {
                socket.close();
            } catch (IOException closing) {
                // Closed either way.
            }
            return Optional.empty();
        } finally {
            limiter.release(peer.getAddress());
        }
    }

    private void logClamp(int configured) {
        clampWarning.check(configured, line -> log.event("-", line));
    }

    private static void refuse(Socket socket, String reply) {
        try (socket; OutputStream out = socket.getOutputStream()) {
            out.write(reply.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // The client left before hearing why.
        }
    }

    /** Stops accepting, ends idle sessions with 421, gives sessions inside DATA up to {@code grace}. */
    public void stop(Duration grace) {
        stopping = true;
        GracefulStop.stop(listeners, acceptors, sessions, grace, line -> log.event("-", line));
    }

    @Override
    public void close() {
        stop(Duration.ZERO);
    }
}
