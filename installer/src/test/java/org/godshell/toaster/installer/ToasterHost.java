package org.godshell.toaster.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.MountableFile;

/**
 * One toaster host of {@link SharedUsersIT}: a bare {@code debian:bookworm-slim} container (the host's JDK mounted
 * read-only and linked as {@code /usr/bin/java}, as an admin's Java would be) where the real installer makes a
 * system install in /opt/toaster. The containers share the host's network, so each host's smtpd listens on loopback
 * ports of its own ({@code control/listen-smtp}, {@code listen-submission}) and the other ports are closed; only
 * smtpd runs, started and stopped with {@code toaster start|stop} as the installer does on a host without systemd.
 */
final class ToasterHost implements AutoCloseable {

    static final String PREFIX = "/opt/toaster";
    private static final String JAR = "/root/toaster-installer.jar";
    private static final String TOASTER = PREFIX + "/bin/toaster";
    /** The listen files of a system install that this host leaves closed (absent: "none"). */
    private static final String CLOSED = "listen-smtps listen-pop3 listen-pop3s listen-http listen-https";
    private static final String METRICS = "listen-metrics listen-metrics-pop3d listen-metrics-wiki";

    final String name;
    final int smtp;
    final int submission;
    private final GenericContainer<?> container;

    private ToasterHost(String name, int smtp, int submission, GenericContainer<?> container) {
        this.name = name;
        this.smtp = smtp;
        this.submission = submission;
        this.container = container;
    }

    /** A started container named {@code name}, with the installer in /root and Java on the PATH. */
    static ToasterHost start(String name, int smtp, int submission, Path jdk, Path jar, Path resolvConf)
            throws Exception {
        GenericContainer<?> container = new GenericContainer<>("debian:bookworm-slim")
                .withNetworkMode("host")
                .withFileSystemBind(jdk.toString(), jdk.toString(), BindMode.READ_ONLY)
                // Nothing answers DNS on 127.0.0.1: no question leaves the machine, and none is needed here.
                .withFileSystemBind(resolvConf.toString(), "/etc/resolv.conf", BindMode.READ_ONLY)
                .withCopyFileToContainer(MountableFile.forHostPath(jar), JAR)
                .withCommand("sleep", "infinity");
        container.start();
        ToasterHost host = new ToasterHost(name, smtp, submission, container);
        host.run(0, "ln", "-sf", jdk.resolve("bin/java").toString(), "/usr/bin/java");
        return host;
    }

    /**
     * The installer in system mode, IMAP and the start left out; then this host's ports. Returns what the installer
     * printed. Every client here connects from loopback, the other toaster as much as the test's "outside" MTA:
     * {@code --no-loopback-relay} makes loopback a client like any other, whose recipients smtpd checks.
     */
    String install() throws Exception {
        String out = run(0, "java", "-jar", JAR, "--hostname", name, "--no-imap", "--no-loopback-relay", "--no-start",
                "--yes").getStdout();
        assertEquals(name, sh("cat " + PREFIX + "/control/me"), "control/me is the host name given\n" + out);
        write("listen-smtp", "127.0.0.1:" + smtp + "\n", 0644);
        write("listen-submission", "127.0.0.1:" + submission + "\n", 0644);
        sh("cd " + PREFIX + "/control && rm -f " + CLOSED + " && for f in " + METRICS + "; do echo off > $f; done");
        return out;
    }

    /**
     * Points this host's users at the shared database: control/userdb, and the role's password in
     * control/userdbpassword, mode 0600 and the daemons' like the install's other secrets (control/smarthostauth).
     * What the installer's {@code --users} option is to do; the daemons read both at their next start.
     */
    void shareUsers(String url, String password) throws Exception {
        write("userdb", url + "\n", 0644);
        write("userdbpassword", password + "\n", 0600);
        run(0, "chown", "toaster:toaster", PREFIX + "/control/userdbpassword");
    }

    /** control/dnsservers: every DNS question of this host's daemons goes to the test's DNS on loopback. */
    void askDns(int port) throws Exception {
        write("dnsservers", "127.0.0.1:" + port + "\n", 0644);
    }

    /** control/smtproutes: mail for {@code host} (a domain's mailbox host) goes to {@code relay}. */
    void route(String host, String relay) throws Exception {
        write("smtproutes", host + ":" + relay + "\n", 0644);
    }

    void startSmtpd() throws Exception {
        String out = toaster("start", "--user", "toaster", "smtpd");
        assertTrue(out.contains("smtpd: started"), out);
    }

    void stopSmtpd() throws Exception {
        toaster("stop", "smtpd");
    }

    /** {@code toaster ARGS...} as root, which must succeed; its stdout. */
    String toaster(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = TOASTER;
        System.arraycopy(args, 0, command, 1, args.length);
        return run(0, command).getStdout();
    }

    /** Until a message holding {@code marker} is in {@code maildir}/new, at most {@code limit}. */
    void awaitMail(String maildir, String marker, Duration limit) throws Exception {
        await("a message with " + marker + " in " + maildir + "/new", limit,
                "grep -rl -- '" + marker + "' " + maildir + "/new");
    }

    /** Until {@code script} exits 0, at most {@code limit}; else fails with what smtpd logged. */
    void await(String what, Duration limit, String script) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (container.execInContainer("sh", "-c", script).getExitCode() != 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + ": no " + what + " after " + limit.toSeconds() + " s; smtpd's log:\n"
                        + sh("tail -n 40 " + PREFIX + "/log/smtpd.log"));
            }
            Thread.sleep(200);
        }
    }

    String sh(String script) throws Exception {
        return run(0, "sh", "-c", script).getStdout().strip();
    }

    ExecResult run(int expectedExit, String... command) throws Exception {
        ExecResult result = container.execInContainer(command);
        assertEquals(expectedExit, result.getExitCode(), name + ": " + String.join(" ", command) + "\nstdout: "
                + result.getStdout() + "\nstderr: " + result.getStderr());
        return result;
    }

    private void write(String controlFile, String text, int mode) {
        container.copyFileToContainer(Transferable.of(text, mode), PREFIX + "/control/" + controlFile);
    }

    @Override
    public void close() {
        container.close();
    }
}
