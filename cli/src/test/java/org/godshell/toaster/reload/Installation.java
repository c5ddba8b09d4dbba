package org.godshell.toaster.reload;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.godshell.toaster.dns.FixtureDns;
import org.godshell.toaster.tls.SelfSigned;
import org.godshell.toaster.tls.ServerCertificate;
import org.godshell.toaster.tls.ServerTls;
import org.godshell.toaster.users.UserStore;

/**
 * The installation every scenario edits: a prefix in a temporary directory with the three daemons running on it
 * ({@code toaster smtpd} with delivery, {@code toaster pop3d}, {@code toaster wiki serve}), the SMTP servers that
 * delivery reaches through {@code smtproutes}, and two DNS servers that {@code dnsservers} can name. Everything
 * listens on loopback, on ports the system picks. It starts once for all the scenarios: not needing a restart is
 * what they are about.
 */
final class Installation implements AutoCloseable {

    static final String ME = "reload.test";
    /** A mailbox of the virtual domain local.test: the sender of the test mail, and the wiki's pusher. */
    static final String USER = "alice@local.test";
    static final String PASSWORD = "reload-test-secret";

    final Path prefix;
    final Path control;
    private final List<AutoCloseable> parts = new ArrayList<>();
    /** The relays smtproutes names, one per behaviour (see {@link #routes}). */
    Sink main;
    Sink second;
    Sink defer;
    Sink silent;
    Sink gated;
    Sink smarthost;
    /** What dnsservers names at start, and another server that knows more names (and lists 127.0.0.1). */
    FixtureDns dns;
    FixtureDns otherDns;
    /** A listener whose accept queue the test filled, so that connecting to it hangs; null where that fails. */
    ServerSocket full;
    Daemon smtpd;
    Daemon pop3d;
    Daemon wiki;
    int smtpPort;
    int pop3Port;
    int httpPort;

    private Installation(Path root) throws IOException {
        prefix = Files.createDirectories(root.resolve("prefix"));
        control = Files.createDirectories(prefix.resolve("control"));
    }

    /** Sets up the installation in {@code root} and starts its daemons; on failure, stops what had started. */
    static Installation start(Path root) throws Exception {
        Installation installation = new Installation(root);
        try {
            installation.peers(root);
            installation.files();
            installation.daemons(Files.createDirectories(root.resolve("logs")));
            return installation;
        } catch (Exception | Error e) {
            try {
                installation.close();
            } catch (IOException stopping) {
                e.addSuppressed(stopping);
            }
            throw e;
        }
    }

    private void peers(Path root) throws Exception {
        Path pem = root.resolve("sink.pem");
        Files.writeString(pem, SelfSigned.create("sink.test"));
        ServerTls sinkTls = ServerTls.of(ServerCertificate.read(pem));
        main = part(new Sink(Sink.Mode.ACCEPT, null));
        second = part(new Sink(Sink.Mode.ACCEPT, null));
        defer = part(new Sink(Sink.Mode.DEFER, null));
        silent = part(new Sink(Sink.Mode.SILENT, null));
        gated = part(new Sink(Sink.Mode.GATED, null));
        smarthost = part(new Sink(Sink.Mode.TLS_AUTH, sinkTls));
        dns = part(new FixtureDns().a("smarthost.sink.test.", "127.0.0.1")
                .txt("_dmarc.forged.test.", "v=DMARC1; p=reject").txt("_dmarc.org.test.", "v=DMARC1; p=reject"));
        otherDns = part(new FixtureDns().a("smarthost.sink.test.", "127.0.0.1").a("relay.dns.test.", "127.0.0.1")
                .a("1.0.0.127.bl.test.", "127.0.0.2"));
        full = fullListener();
    }

    /**
     * A listener with a backlog of one that never accepts, connected to until a connection no longer completes:
     * Linux then drops further SYNs, so the daemon's connect hangs as it would towards a host that is down.
     * Null where the system answers otherwise (the timeoutconnect scenario is then skipped).
     */
    private ServerSocket fullListener() throws IOException {
        ServerSocket listener = part(new ServerSocket());
        listener.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 1);
        for (int i = 0; i < 16; i++) {
            Socket filler = part(new Socket());
            try {
                filler.connect(listener.getLocalSocketAddress(), 500);
            } catch (SocketTimeoutException e) {
                return listener;
            }
        }
        return null;
    }

    private void files() throws Exception {
        UserStore users = UserStore.open(prefix);
        users.addDomain("local.test");
        users.addUser(USER, PASSWORD.toCharArray());
        Map<String, String> files = Map.of(
                "me", ME + "\n",
                "rcpthosts", "local.test\n.routed.test\nvalid.test\n",
                "listen-smtp", "127.0.0.1:0\n",
                "listen-pop3", "127.0.0.1:0\n",
                "listen-http", "127.0.0.1:0\n",
                "listen-metrics", "127.0.0.1:0\n",
                "listen-metrics-pop3d", "127.0.0.1:0\n",
                // Loopback may connect but not relay, so that rcpthosts is what decides which mail is taken.
                "tcp.smtp", "127.0.0.1:allow\n",
                "dnsservers", nameserver(dns) + "\n",
                "smtproutes", routes());
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(control.resolve(file.getKey()), file.getValue());
        }
        // Map.of takes ten pairs: the wiki's endpoint, on a port the system picks too, is written here.
        Files.writeString(control.resolve("listen-metrics-wiki"), "127.0.0.1:0\n");
        Files.writeString(control.resolve("servercert.pem"), SelfSigned.create(ME));
    }

    /** Every domain under routed.test goes to a sink; a few of them to the sinks that misbehave. */
    private String routes() {
        return ".routed.test:[127.0.0.1]:" + main.port() + "\n"
                + "defer.routed.test:[127.0.0.1]:" + defer.port() + "\n"
                + "silent.routed.test:[127.0.0.1]:" + silent.port() + "\n"
                + "hold1.routed.test:[127.0.0.1]:" + gated.port() + "\n"
                + "hold2.routed.test:[127.0.0.1]:" + gated.port() + "\n"
                + "auth.routed.test:smarthost.sink.test:" + smarthost.port() + "\n"
                + "dns.routed.test:relay.dns.test:" + main.port() + "\n"
                + (full == null ? "" : "full.routed.test:[127.0.0.1]:" + full.getLocalPort() + "\n");
    }

    static String nameserver(FixtureDns server) {
        return "127.0.0.1:" + server.address().getPort();
    }

    private void daemons(Path logs) throws Exception {
        smtpd = part(Daemon.start(prefix, logs, "smtpd", "smtpd", "--grace", "0"));
        pop3d = part(Daemon.start(prefix, logs, "pop3d", "pop3d", "--grace", "0"));
        wiki = part(Daemon.start(prefix, logs, "wiki", "wiki", "serve"));
        smtpPort = smtpd.port();
        pop3Port = pop3d.port();
        httpPort = wiki.port();
    }

    private <T extends AutoCloseable> T part(T part) {
        parts.add(part);
        return part;
    }

    /** Stops the daemons first, then what they talked to; every part is stopped whatever fails. */
    @Override
    public void close() throws IOException {
        Exception first = null;
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw new IOException("stopping the test installation: " + first.getMessage(), first);
        }
    }
}
