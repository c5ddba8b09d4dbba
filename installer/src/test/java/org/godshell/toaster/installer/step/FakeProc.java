package org.godshell.toaster.installer.step;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A {@code /proc} laid out as the port checks read it: {@code net/tcp} with the listening sockets, and one
 * process of the toaster in {@code prefix} holding them ({@code PID/cmdline}, {@code PID/comm}, {@code
 * PID/fd/N} linking to {@code socket:[INODE]}).
 */
final class FakeProc {

    private FakeProc() {
    }

    /** A {@code /proc} in {@code dir} where the toaster of {@code prefix} listens on {@code ports} (loopback). */
    static Path listening(Path dir, Path prefix, List<Integer> ports) throws IOException {
        StringBuilder tcp = new StringBuilder("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when "
                + "retrnsmt   uid  timeout inode\n");
        Path fds = Files.createDirectories(dir.resolve("4242/fd"));
        for (int i = 0; i < ports.size(); i++) {
            long inode = 9000 + i;
            tcp.append(String.format("   %d: 0100007F:%04X 00000000:0000 0A 00000000:00000000 00:00000000 00000000"
                    + "     0        0 %d 1 0%n", i, ports.get(i), inode));
            Files.createSymbolicLink(fds.resolve(String.valueOf(3 + i)), Path.of("socket:[" + inode + "]"));
        }
        Files.createDirectories(dir.resolve("net"));
        Files.writeString(dir.resolve("net/tcp"), tcp, StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("4242/comm"), "java\n");
        Files.writeString(dir.resolve("4242/cmdline"), String.join("\0", "/usr/bin/java", "-Dtoaster.home="
                + prefix, "-cp", prefix + "/lib/*", "org.godshell.toaster.cli.Toaster", "smtpd") + "\0");
        return dir;
    }
}
