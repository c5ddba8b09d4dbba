package org.godshell.toaster.installer.imap;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.godshell.toaster.layout.Imap;
import org.junit.jupiter.api.Assumptions;

/**
 * The host's real Dovecot, run in the foreground as the test's child: a copy of the distribution's configuration
 * ({@code /etc/dovecot}, as the package installed it), the installer's drop-in in its {@code conf.d/}, and a
 * {@code local.conf} that only moves it into the test's directory (base and state directories, log) and onto two
 * free loopback ports. Needs root, as Dovecot's master does to run its processes as other users.
 */
final class RealDovecot implements AutoCloseable {

    static final Path DOVECOT = Path.of("/usr/sbin/dovecot");
    static final Path DOVECONF = Path.of("/usr/bin/doveconf");
    private static final Path STOCK = Path.of("/etc/dovecot");

    final Path config;
    final int imap;
    final int imaps;
    private final Path log;
    private final Process process;

    private RealDovecot(Path config, int imap, int imaps, Path log, Process process) {
        this.config = config;
        this.imap = imap;
        this.imaps = imaps;
        this.log = log;
        this.process = process;
    }

    /**
     * The version of the installed Dovecot; skips the test where there is none or the test is not root, but
     * fails under CI, where .ci/run installs dovecot-imapd and runs as root.
     */
    static DovecotVersion require() throws IOException, InterruptedException {
        String why = null;
        if (!Files.isExecutable(DOVECOT) || !Files.isRegularFile(STOCK.resolve("dovecot.conf"))) {
            why = DOVECOT + " is not installed; install it with: apt-get install -y dovecot-imapd";
        } else if (!"root".equals(System.getProperty("user.name"))) {
            why = "Dovecot's master must run as root to start its processes as other users";
        }
        if (why != null) {
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true, so the real Dovecot test must run, but " + why);
            }
            Assumptions.abort("skipped: " + why);
        }
        Optional<DovecotVersion> version = DovecotVersion.parse(run(List.of(DOVECOT.toString(), "--version")));
        if (version.isEmpty() || version.get().syntax().isEmpty()) {
            fail("dovecot --version names no Dovecot the installer knows: " + version);
        }
        return version.get();
    }

    /**
     * Starts Dovecot with {@code dropIn}'s files as conf.d/99-toaster.conf and conf.d/05-toaster-users.conf;
     * returns once IMAPS accepts connections.
     */
    static RealDovecot start(Path dir, DropIn dropIn) throws IOException, InterruptedException, UnsafeValueException {
        Path config = Files.createDirectories(dir.resolve("etc"));
        Files.copy(STOCK.resolve("dovecot.conf"), config.resolve("dovecot.conf"));
        Path confD = Files.createDirectories(config.resolve("conf.d"));
        try (DirectoryStream<Path> stock = Files.newDirectoryStream(STOCK.resolve("conf.d"))) {
            for (Path file : stock) {
                if (Files.isRegularFile(file)) {
                    Files.copy(file, confD.resolve(file.getFileName()));
                }
            }
        }
        standInForSnakeoil(dir, confD.resolve("10-ssl.conf"));
        Files.writeString(confD.resolve(Imap.DROP_IN.getFileName().toString()), dropIn.render(),
                StandardCharsets.UTF_8);
        Files.writeString(confD.resolve(Imap.USERS_DROP_IN.getFileName().toString()), dropIn.users(),
                StandardCharsets.UTF_8);
        int imap = freePort();
        int imaps = freePort();
        Path log = dir.resolve("dovecot.log");
        Files.writeString(config.resolve("local.conf"), """
                # The test's own place and ports; everything else is the distribution's and the installer's.
                base_dir = %1$s/run
                state_dir = %1$s/state
                instance_name = toaster-test
                log_path = %2$s
                listen = 127.0.0.1
                # The test's mail owner is the system user "mail" (uid 8), below Dovecot's default of 500.
                first_valid_uid = 1
                # Each user database asked for a login, in the log: a test can tell whether PAM was asked.
                auth_verbose = yes
                service imap-login {
                  inet_listener imap {
                    port = %3$d
                  }
                  inet_listener imaps {
                    port = %4$d
                  }
                }
                """.formatted(dir, log, imap, imaps), StandardCharsets.UTF_8);
        Files.createDirectories(dir.resolve("state"));
        Process process = new ProcessBuilder(DOVECOT.toString(), "-F", "-c", config.resolve("dovecot.conf")
                .toString()).redirectErrorStream(true).redirectOutput(dir.resolve("dovecot.out").toFile()).start();
        RealDovecot dovecot = new RealDovecot(config, imap, imaps, log, process);
        dovecot.awaitListening();
        return dovecot;
    }

    /**
     * Debian's 10-ssl.conf names the snakeoil certificate that the ssl-cert package makes on install; container
     * images often ship without it, and then no configuration loads. The copy then names a throwaway one instead,
     * as the package would have: it is read and overridden by the drop-in, as on a host.
     */
    private static void standInForSnakeoil(Path dir, Path sslConf) throws IOException {
        if (!Files.isRegularFile(sslConf) || Files.exists(STOCK.resolve("private/dovecot.pem"))) {
            return;
        }
        Path snakeoil = dir.resolve("snakeoil.pem");
        try {
            Files.writeString(snakeoil, org.godshell.toaster.tls.SelfSigned.create("snakeoil.invalid"),
                    StandardCharsets.US_ASCII);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
        String text = Files.readString(sslConf, StandardCharsets.UTF_8)
                .replace(STOCK.resolve("private/dovecot.pem").toString(), snakeoil.toString())
                .replace(STOCK.resolve("private/dovecot.key").toString(), snakeoil.toString());
        Files.writeString(sslConf, text, StandardCharsets.UTF_8);
    }

    /**
     * The owners and modes of a system install, with {@code mail} as the daemons' user: domains/ 0750 and the
     * passwd files 0640 for it, the Maildirs 0700, the certificate 0600.
     */
    static void ownAsTheInstallerDoes(Path prefix) throws IOException {
        UserPrincipalLookupService lookup = prefix.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal user = lookup.lookupPrincipalByName("mail");
        GroupPrincipal group = lookup.lookupPrincipalByGroupName("mail");
        Files.setPosixFilePermissions(prefix, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(prefix.resolve("control"), PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Stream<Path> paths = Stream.concat(Files.walk(prefix.resolve("domains")),
                Stream.of(prefix.resolve("control/servercert.pem")))) {
            for (Path path : paths.toList()) {
                Files.setOwner(path, user);
                Files.getFileAttributeView(path, PosixFileAttributeView.class).setGroup(group);
                boolean maildir = prefix.relativize(path).getNameCount() > 3;
                String mode = Files.isDirectory(path) ? (maildir ? "rwx------" : "rwxr-x---")
                        : path.endsWith("passwd") ? "rw-r-----" : "rw-------";
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
            }
        }
    }

    /** {@code doveconf -c CONFIG ARGS...}: what this Dovecot makes of its configuration. */
    String doveconf(String... args) throws IOException, InterruptedException {
        List<String> argv = new java.util.ArrayList<>(List.of(DOVECONF.toString(), "-c",
                config.resolve("dovecot.conf").toString()));
        argv.addAll(List.of(args));
        return run(argv);
    }

    /** {@code doveadm -c CONFIG ARGS...}, asking this Dovecot's running auth service. */
    String doveadm(String... args) throws IOException, InterruptedException {
        List<String> argv = new java.util.ArrayList<>(List.of(DOVECONF.resolveSibling("doveadm").toString(), "-c",
                config.resolve("dovecot.conf").toString()));
        argv.addAll(List.of(args));
        return run(argv);
    }

    /** Dovecot's log so far and what it printed, for failure messages. */
    String log() throws IOException {
        StringBuilder text = new StringBuilder();
        for (Path file : List.of(log, log.resolveSibling("dovecot.out"))) {
            if (Files.exists(file)) {
                text.append(file.getFileName()).append(":\n").append(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return text.toString();
    }

    private void awaitListening() throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 600; attempt++) {
            if (!process.isAlive()) {
                fail("dovecot exited with " + process.exitValue() + ":\n" + log());
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", imaps), 1000);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        fail("dovecot did not listen on " + imaps + ":\n" + log());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String run(List<String> argv) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return output;
    }

    /** Stops the master, which stops every process it started. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
