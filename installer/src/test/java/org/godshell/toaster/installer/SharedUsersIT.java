package org.godshell.toaster.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.godshell.toaster.dns.FixtureDns;
import org.godshell.toaster.installer.MailClient.Tls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two toasters sharing their users in one PostgreSQL server (issue 27), each a real system install on a Debian 12
 * host of its own, the server Debian's PostgreSQL 15 on a third ({@link ToasterHost}, {@link PostgresHost}): a
 * user added on host A logs in on host B; mail arriving at B for a domain whose mailboxes are on A lands in A's
 * Maildir (B relays to A, its domain's mailbox host, on the port control/smtproutes names); with the database
 * stopped B answers 451 at RCPT and keeps what it queued before, which is delivered once the database is back;
 * and every start of a store runs the schema's migration again without harm.
 *
 * <p>The containers share the host's network, so every port is a free loopback port of this machine, chosen
 * when the test starts, and the hosts' DNS is a fixture in this JVM ({@code control/dnsservers}). The installs
 * run at once; most of each is the JVM cache's training starts (jvm-cache in the installer's output). Under CI
 * ({@code CI=true}) a missing Docker engine fails the test; elsewhere it is skipped.
 */
class SharedUsersIT {

    private static final String A = "mx-a.example.test";
    private static final String B = "mx-b.example.test";
    private static final String ANN = "ann@shared.test";
    private static final String ANN_PASSWORD = "ann-password-1";
    private static final String OUTSIDER = "someone@example.org";
    private static final String ANN_MAILDIR = ToasterHost.PREFIX + "/domains/shared.test/ann/Maildir";
    private static final Duration DELIVERY_LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    @Test
    void twoHostsShareTheirUsersInPostgresql() throws Exception {
        InstallerContainerIT.requireDocker();
        Path jar = Path.of(System.getProperty("toaster.installer.jar"));
        assertTrue(Files.isRegularFile(jar), "build the installer first: " + jar);
        Path jdk = Path.of(System.getProperty("java.home")).toRealPath();
        Path resolvConf = Files.writeString(temp.resolve("resolv.conf"), "nameserver 127.0.0.1\n");
        List<Integer> ports = freePorts(5);

        long started = System.nanoTime();
        try (FixtureDns dns = dns();
                PostgresHost db = PostgresHost.start(ports.get(0));
                ToasterHost a = ToasterHost.start(A, ports.get(1), ports.get(2), jdk, jar, resolvConf);
                ToasterHost b = ToasterHost.start(B, ports.get(3), ports.get(4), jdk, jar, resolvConf)) {
            CompletableFuture<String> installA = CompletableFuture.supplyAsync(() -> install(a));
            String outB = install(b);
            String outA = installA.join();
            System.out.printf("database and both installs ready: %.1f s%n", seconds(started));
            for (ToasterHost host : List.of(a, b)) {
                host.askDns(dns.address().getPort());
                host.shareUsers(db.url(), db.password());
                host.startSmtpd();
            }
            b.route(A, "127.0.0.1:" + a.smtp);

            // 1. Added on A, with A's command: the domain and the user are rows of the shared database.
            a.toaster("domain", "add", "shared.test");
            a.sh("echo " + ANN_PASSWORD + " | " + ToasterHost.PREFIX + "/bin/toaster user add " + ANN);
            assertEquals("shared.test|" + A, db.query("SELECT name, mailbox_host FROM domains"), outA);
            assertEquals(ANN, db.query("SELECT address FROM users"));
            assertEquals(ANN, b.toaster("user", "list", "shared.test").strip(), "B lists A's user\n" + outB);

            // 2. Ann logs in on B (STARTTLS, AUTH PLAIN) and writes to herself: B relays to A, her mailbox host.
            String viaSubmission = "login-on-b-" + System.nanoTime();
            MailClient.send(b.submission, Tls.STARTTLS, ANN, ANN_PASSWORD, ANN, ANN, viaSubmission);
            a.awaitMail(ANN_MAILDIR, viaSubmission, DELIVERY_LIMIT);

            // 3. Mail from outside arriving at B's port 25 lands in A's Maildir, through B.
            String viaB = "to-b-" + System.nanoTime();
            MailClient.send(b.smtp, Tls.NONE, null, null, OUTSIDER, ANN, viaB);
            a.awaitMail(ANN_MAILDIR, viaB, DELIVERY_LIMIT);
            assertTrue(a.sh("cat $(grep -rl -- '" + viaB + "' " + ANN_MAILDIR + "/new)").contains("by " + B),
                    "the copy went through B");
            b.run(1, "test", "-e", ToasterHost.PREFIX + "/domains/shared.test");

            // 4. The database down: a message B took before waits in B's queue; new mail is told 451 at RCPT.
            a.stopSmtpd();
            String queued = "queued-at-b-" + System.nanoTime();
            MailClient.send(b.smtp, Tls.NONE, null, null, OUTSIDER, ANN, queued);
            db.stopServer();
            String refused = MailClient.rcpt(b.smtp, OUTSIDER, ANN);
            assertTrue(refused.startsWith("451 "), "RCPT at B with the database down: " + refused);
            a.startSmtpd();
            b.toaster("queue", "flush");
            b.await("deferral while the database is down", DELIVERY_LIMIT,
                    "grep -q 'user store unreadable' " + ToasterHost.PREFIX + "/log/smtpd.log");
            a.run(1, "sh", "-c", "grep -rlq -- '" + queued + "' " + ANN_MAILDIR + "/new");

            // 5. The database back: the queued message is delivered; RCPT is accepted again.
            db.startServer();
            b.toaster("queue", "flush");
            a.awaitMail(ANN_MAILDIR, queued, DELIVERY_LIMIT);
            assertTrue(MailClient.rcpt(b.smtp, OUTSIDER, ANN).startsWith("250 "));

            // 6. A's smtpd restarted: its store migrates again at the first use (a login), and nothing changes.
            a.stopSmtpd();
            a.startSmtpd();
            MailClient.send(a.submission, Tls.STARTTLS, ANN, ANN_PASSWORD, ANN, ANN, "login-on-a-" + System.nanoTime());
            assertEquals("", db.query("SELECT version FROM flyway_schema_history WHERE version IS NOT NULL"
                    + " GROUP BY version HAVING count(*) <> 1 OR NOT bool_and(success)"),
                    "one successful row per version:\n" + db.query("SELECT * FROM flyway_schema_history"));
            assertTrue(db.query("SELECT version FROM flyway_schema_history").lines().anyMatch("1"::equals));
            assertEquals(ANN, db.query("SELECT address FROM users"));
            assertEquals("shared.test|" + A, db.query("SELECT name, mailbox_host FROM domains"));
            System.out.printf("shared users, two hosts: %.1f s%n", seconds(started));
        }
    }

    /**
     * What the hosts' DNS questions would find on the Internet, served on loopback in this JVM: every name here is
     * at 127.0.0.1, and SPF lets 127.0.0.1 send for the outsider's domain and for shared.test (its mail relayed by
     * B arrives at A as it would from another MX of the domain). No DMARC records: DMARC is none, not temperror.
     */
    private static FixtureDns dns() throws IOException {
        FixtureDns dns = new FixtureDns();
        for (String name : List.of("example.org.", "shared.test.")) {
            dns.a(name, "127.0.0.1").txt(name, "v=spf1 ip4:127.0.0.1 -all");
        }
        return dns.a(A + ".", "127.0.0.1").a(B + ".", "127.0.0.1").a("client.example.test.", "127.0.0.1");
    }

    private static String install(ToasterHost host) {
        long started = System.nanoTime();
        try {
            String out = host.install();
            System.out.printf("%s installed: %.1f s%n%s%n", host.name, seconds(started), out);
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(host.name + ": the install failed: " + e.getMessage(), e);
        }
    }

    /** Distinct loopback ports free now: held together while chosen, so none is given twice. */
    private static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                held.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return held.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
