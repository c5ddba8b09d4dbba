package org.godshell.toaster.scan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.godshell.toaster.reload.Admin;
import org.godshell.toaster.reload.Daemon;
import org.godshell.toaster.tls.SelfSigned;
import org.godshell.toaster.users.UserStore;

/**
 * The toaster the scanners look at, as an install leaves it where it matters to them: the distribution's
 * {@code control/} and {@code plugins/} (the default plugin file, every sample commented out), every TLS port
 * (SMTP with STARTTLS, submission, SMTPS, POP3S, the wiki's HTTPS with a built site), and the installer's rule for
 * clients from outside as the whole of tcp.smtp, so that the scanners on loopback are such a client: they may not
 * relay. The three daemons run as an admin runs them, on loopback ports the system picks.
 */
final class ScannedToaster implements AutoCloseable {

    static final String HOST = "scan.test";
    static final String DOMAIN = "local.test";
    /** A mailbox whose name is not in nmap's list of users to try (root, admin, test, ...). */
    static final String USER = "alice@" + DOMAIN;
    /** The installer's last tcp.smtp rule, for everyone it does not list: may connect, may not relay. */
    static final String OUTSIDE = ":allow\n";

    /** Where each service listens: plain SMTP, then the TLS ports. */
    record Ports(int smtp, int submission, int smtps, int pop3s, int https) {

        /** The ports where TLS starts as the client connects. */
        List<Integer> tlsOnConnect() {
            return List.of(smtps, pop3s, https);
        }
    }

    final Path prefix;
    /** servercert.pem: the key, then the self-signed certificate the clients see. */
    final String certificate;
    private final List<Daemon> daemons = new ArrayList<>();
    Daemon smtpd;
    Ports ports;

    private ScannedToaster(Path prefix, String certificate) {
        this.prefix = prefix;
        this.certificate = certificate;
    }

    /** Lays out the prefix in {@code root} and starts the daemons; on failure, stops what had started. */
    static ScannedToaster start(Path root) throws Exception {
        Path prefix = Files.createDirectories(root.resolve("prefix"));
        ScannedToaster toaster = new ScannedToaster(prefix, SelfSigned.create(HOST));
        try {
            toaster.files(root);
            toaster.daemons(Files.createDirectories(root.resolve("logs")));
            return toaster;
        } catch (Exception | Error e) {
            toaster.close();
            throw e;
        }
    }

    private void files(Path root) throws Exception {
        Path dist = Path.of("").toAbsolutePath().resolveSibling("mailserver").resolve("src/dist");
        copyTree(dist, prefix);
        Path control = prefix.resolve("control");
        Map<String, String> files = Map.of(
                "me", HOST + "\n",
                "rcpthosts", DOMAIN + "\n",
                "tcp.smtp", OUTSIDE,
                "listen-smtp", "127.0.0.1:0\n",
                "listen-submission", "127.0.0.1:0\n",
                "listen-smtps", "127.0.0.1:0\n",
                "listen-pop3s", "127.0.0.1:0\n",
                "listen-https", "127.0.0.1:0\n",
                "servercert.pem", certificate);
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(control.resolve(file.getKey()), file.getValue());
        }
        UserStore users = UserStore.open(prefix);
        users.addDomain(DOMAIN);
        users.addUser(USER, "scan-test-secret".toCharArray());
        // A built site, so that the HTTP checks (BREACH, ...) see a page as served, not the "not built yet" 503.
        Path content = Files.createDirectories(root.resolve("wiki-content"));
        Files.writeString(content.resolve("Home.md"),
                "---\ntitle: Home\n---\n# Home\n\n" + "A page to scan. ".repeat(40) + "\n");
        Admin.toaster(prefix, "wiki", "init", "--from", content.toString());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> tree = Files.walk(from)) {
            for (Path source : tree.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private void daemons(Path logs) throws Exception {
        smtpd = daemon(Daemon.start(prefix, logs, "smtpd", "smtpd", "--grace", "0"));
        Daemon pop3d = daemon(Daemon.start(prefix, logs, "pop3d", "pop3d", "--grace", "0"));
        Daemon wiki = daemon(Daemon.start(prefix, logs, "wiki", "wiki", "serve"));
        ports = new Ports(smtpd.port(""), smtpd.port("(submission"), smtpd.port("(SMTPS"), pop3d.port("(POP3S"),
                wiki.port("https://"));                                 // smtpd lists listen-smtp first
    }

    private Daemon daemon(Daemon daemon) {
        daemons.add(daemon);
        return daemon;
    }

    /** Whether every daemon still runs, with the log of one that does not. */
    void assertAlive() throws IOException {
        for (Daemon daemon : daemons) {
            if (!daemon.alive()) {
                throw new AssertionError(daemon + " died: " + daemon.log());
            }
        }
    }

    @Override
    public void close() {
        daemons.reversed().forEach(Daemon::close);
    }
}
