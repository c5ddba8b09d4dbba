package org.godshell.toaster.spp;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's clamd, run in the foreground as a test's child with everything in a directory of its own: its
 * configuration, sockets (a unix socket and a free loopback TCP port), temporary files, and a signature
 * database of one line, the EICAR test file's MD5 ({@code .hdb}: md5:size:name). No freshclam, nothing from the
 * Internet. Its limits are small so that tests can pass them: StreamMaxLength 1 MiB, MaxFileSize 2 MiB,
 * MaxScanSize 4 MiB, with AlertExceedsMax.
 */
final class RealClamd implements AutoCloseable {

    static final Path CLAMD = Path.of("/usr/sbin/clamd");
    /** The EICAR anti-virus test file (eicar.org): 68 bytes that every scanner is asked to find. */
    static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
    /** Our signature's name; clamd adds ".UNOFFICIAL" to the names of databases that are not ClamAV's. */
    static final String SIGNATURE = "Toaster.Test.EICAR";
    static final int STREAM_MAX_LENGTH = 1024 * 1024;

    final Path dir;
    final UnixDomainSocketAddress socket;
    final InetSocketAddress tcp;
    private final Process process;

    private RealClamd(Path dir, UnixDomainSocketAddress socket, InetSocketAddress tcp, Process process) {
        this.dir = dir;
        this.socket = socket;
        this.tcp = tcp;
        this.process = process;
    }

    /** Skipped with the reason where clamd is not installed; under CI it must run, so it fails there. */
    static void require() {
        if (Files.isExecutable(CLAMD)) {
            return;
        }
        String why = CLAMD + " is not installed; install it with: apt-get install -y --no-install-recommends "
                + "clamav-daemon (then stop the clamav-daemon and clamav-freshclam services it may start)";
        if ("true".equals(System.getenv("CI"))) {
            fail("CI=true, so the clamav test must run, but " + why);
        }
        Assumptions.abort("skipped: " + why);
    }

    /** Starts clamd in {@code dir} and waits until both its sockets accept connections. */
    static RealClamd start(Path dir) throws Exception {
        Path db = Files.createDirectories(dir.resolve("db"));
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                .digest(EICAR.getBytes(StandardCharsets.US_ASCII)));
        Files.writeString(db.resolve("toaster-test.hdb"), md5 + ":" + EICAR.length() + ":" + SIGNATURE + "\n");
        UnixDomainSocketAddress socket = UnixDomainSocketAddress.of(dir.resolve("clamd.sock"));
        InetSocketAddress tcp = new InetSocketAddress(InetAddress.getLoopbackAddress(), freePort());
        String user = System.getProperty("user.name");
        Path config = Files.writeString(dir.resolve("clamd.conf"), String.join("\n",
                "Foreground yes",
                "LocalSocket " + socket.getPath(),
                "TCPSocket " + tcp.getPort(),
                "TCPAddr " + tcp.getAddress().getHostAddress(),
                "DatabaseDirectory " + db,
                "TemporaryDirectory " + Files.createDirectories(dir.resolve("tmp")),
                "PidFile " + dir.resolve("clamd.pid"),
                "ScanMail yes",
                "StreamMaxLength " + STREAM_MAX_LENGTH,
                "MaxFileSize 2M",
                "MaxScanSize 4M",
                "AlertExceedsMax yes",
                // Only root may name a User (clamd switches to it): the one that owns this directory, itself.
                "root".equals(user) ? "User root" : "",
                ""));
        Process process = new ProcessBuilder(CLAMD.toString(), "--foreground", "--config-file=" + config)
                .redirectErrorStream(true).redirectOutput(dir.resolve("clamd.log").toFile()).start();
        RealClamd clamd = new RealClamd(dir, socket, tcp, process);
        clamd.awaitListening();
        return clamd;
    }

    private void awaitListening() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("clamd exited " + process.exitValue() + ":\n" + log());
            }
            if (accepts(socket) && accepts(tcp)) {
                return;
            }
            Thread.sleep(100);
        }
        fail("clamd did not listen within 60 s:\n" + log());
    }

    private static boolean accepts(java.net.SocketAddress address) {
        try (SocketChannel probe = address instanceof UnixDomainSocketAddress
                ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open()) {
            probe.connect(address);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    String log() throws IOException {
        return Files.readString(dir.resolve("clamd.log"), StandardCharsets.ISO_8859_1);
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** SIGTERM, then SIGKILL if it has not exited within 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
