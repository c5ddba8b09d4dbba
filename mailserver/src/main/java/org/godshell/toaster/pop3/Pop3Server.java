package org.godshell.toaster.pop3;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.godshell.toaster.config.Live;
import org.godshell.toaster.config.Pop3Config;
import org.godshell.toaster.logline.Field;
import org.godshell.toaster.logline.Line;
import org.godshell.toaster.net.Acceptor;
import org.godshell.toaster.net.ClampWarning;
import org.godshell.toaster.net.ConnectionLimiter;
import org.godshell.toaster.net.DescriptorBudget;
import org.godshell.toaster.net.GracefulStop;
import org.godshell.toaster.tls.TlsSource;

/**
 * The POP3 listeners: one acceptor per address of {@code listen-pop3} (plain, with STLS) and
 * {@code listen-pop3s} (TLS on connect), a virtual thread per connection, blocking I/O. A connection over the
 * limits gets {@code -ERR [SYS/TEMP]} and is closed. The settings are asked for at every connection
 * ({@link Live}), so an edit of a control file applies to the next session; the listen addresses are fixed at
 * {@link #start}.
 *
 * <p>{@link #stop} is graceful: no new connections; sessions waiting for a command are told the server is
 * shutting down and closed without touching their mailboxes (RFC 1939 §6: only QUIT removes mail); a session
 * sending a message may finish it within the grace period, then it is cut.
 */
public final class Pop3Server implements AutoCloseable {

    private static final Reply TOO_MANY = Reply.err("SYS/TEMP", "too many connections, try again later");

    private final Live<Pop3Config> config;
    private final Accounts accounts;
    private final Optional<TlsSource> tls;
    private final Pop3Log log;
    private final ConnectionLimiter limiter = new ConnectionLimiter();
    private final DescriptorBudget descriptors = DescriptorBudget.ofThisProcess();
    private final ClampWarning clampWarning = new ClampWarning(descriptors, "concurrencypop3");
    private final List<ServerSocket> listeners = new ArrayList<>();
    private final List<Thread> acceptors = new ArrayList<>();
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicLong sessionCounter = new AtomicLong();
    private final String idPrefix = Long.toString(System.currentTimeMillis() / 1000 % 1_000_000, 36);
    private final LoginObserver observer;
    private volatile boolean stopping;

    /** {@code tls}: the certificates; required when {@code listen-pop3s} lists an address. */
    public Pop3Server(Live<Pop3Config> config, Accounts accounts, Optional<TlsSource> tls, Pop3Log log) {
        this(config, accounts, tls, log, LoginObserver.NONE);
    }

    /** As above, with every login's outcome told to {@code observer}. */
    public Pop3Server(Live<Pop3Config> config, Accounts accounts, Optional<TlsSource> tls, Pop3Log log,
            LoginObserver observer) {
        this.observer = observer;
        if (!config.get().listenPop3s().isEmpty() && tls.isEmpty()) {
            throw new IllegalArgumentException("POP3 with TLS on connect needs a certificate");
        }
        this.config = config;
        this.accounts = accounts;
        this.tls = tls;
        this.log = log;
    }

    /** Settings that stay as they are (tests). */
    public Pop3Server(Pop3Config config, Accounts accounts, Optional<TlsSource> tls, Pop3Log log) {
        this(Live.fixed(config), accounts, tls, log);
    }

    /** Binds every address of {@code listen-pop3}, then of {@code listen-pop3s} (port 0 picks a free one). */
    public void start() throws IOException {
        Pop3Config bound = config.get();
        for (InetSocketAddress address : bound.listenPop3()) {
            listen(address, false);
        }
        for (InetSocketAddress address : bound.listenPop3s()) {
            listen(address, true);
        }
    }

    /** Where the listeners are bound, with real ports: listen-pop3's addresses, then listen-pop3s's. */
    public List<InetSocketAddress> addresses() {
        return listeners.stream().map(l -> (InetSocketAddress) l.getLocalSocketAddress()).toList();
    }

    /** Sessions open now. */
    int openSessions() {
        return sessions.size();
    }

    private void listen(InetSocketAddress address, boolean tlsOnConnect) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(true);
        try {
            listener.bind(address, 256);
        } catch (IOException e) {
            listener.close();
            close();
            throw new IOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
        listeners.add(listener);
        acceptors.add(Thread.ofPlatform().name("pop3d-accept-" + address)
                .start(() -> accept(listener, tlsOnConnect)));
    }

    private void accept(ServerSocket listener, boolean tlsOnConnect) {
        Acceptor.run(listener, () -> stopping, socket -> open(socket, tlsOnConnect), line -> log.event("-", line));
    }

    private void open(Socket socket, boolean tlsOnConnect) {
        InetSocketAddress client = (InetSocketAddress) socket.getRemoteSocketAddress();
        String id = idPrefix + "." + sessionCounter.incrementAndGet();
        Pop3Config config = this.config.get();
        clampWarning.check(config.maxConnections(), line -> log.event("-", line));
        if (stopping || !limiter.tryAcquire(client.getAddress(), descriptors.clamp(config.maxConnections()),
                config.maxConnectionsPerIp())) {
            log.event(id, "refused " + client.getAddress().getHostAddress() + ": too many connections");
            // On port 995 the client expects TLS first; it gets the close alone, which it reports as a failure.
            refuse(socket, tlsOnConnect ? new byte[0] : TOO_MANY.toWire());
            return;
        }
        Line.Event connect = Pop3Log.clientEvent("connect", client);
        log.event(id, tlsOnConnect ? connect.with(Field.flag("tls")) : connect);
        SessionContext context = new SessionContext(config, accounts, log, id, client, tls.isPresent());
        context.observer = observer;
        Session session = new Session(socket, context, tls, tlsOnConnect, ended -> {
            sessions.remove(ended);
            limiter.release(client.getAddress());
        });
        sessions.add(session);
        session.run();
    }

    private static void refuse(Socket socket, byte[] reply) {
        try (socket; OutputStream out = socket.getOutputStream()) {
            out.write(reply);
        } catch (IOException e) {
            // The client left before hearing why.
        }
    }

    /** Stops accepting, ends idle sessions, gives sessions sending a message up to {@code grace}. */
    public void stop(Duration grace) {
        stopping = true;
        GracefulStop.stop(listeners, acceptors, sessions, grace, line -> log.event("-", line));
    }

    @Override
    public void close() {
        stop(Duration.ZERO);
    }
}
