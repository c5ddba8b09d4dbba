package org.godshell.toaster.installer.step;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A {@code /proc} laid out as the port checks read it: {@code net/tcp} with the listening sockets, and one
 * process of the toaster in {@code prefix} holding them (common's {@code hostcheck.FakeProc}).
 */
final class FakeProc {

    private FakeProc() {
    }

    /** A {@code /proc} in {@code dir} where the toaster of {@code prefix} listens on {@code ports} (loopback). */
    static Path listening(Path dir, Path prefix, List<Integer> ports) throws IOException {
        StringBuilder tcp = new StringBuilder("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when "
                + "retrnsmt   uid  timeout inode\n");
        long[] inodes = new long[ports.size()];
        for (int i = 0; i < ports.size(); i++) {
            inodes[i] = 9000 + i;
            tcp.append(String.format("   %d: 0100007F:%04X 00000000:0000 0A 00000000:00000000 00:00000000 00000000"
                    + "     0        0 %d 1 0%n", i, ports.get(i), inodes[i]));
        }
        Files.createDirectories(dir.resolve("net"));
        Files.writeString(dir.resolve("net/tcp"), tcp, StandardCharsets.US_ASCII);
        org.godshell.toaster.hostcheck.FakeProc.process(dir, 4242, "java", "/usr/bin/java -Dtoaster.home=" + prefix
                + " -cp " + prefix + "/lib/* org.godshell.toaster.cli.Toaster smtpd", inodes);
        return dir;
    }
}
