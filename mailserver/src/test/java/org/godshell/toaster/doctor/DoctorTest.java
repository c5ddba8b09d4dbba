package org.godshell.toaster.doctor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.hostcheck.FakeProc;
import org.godshell.toaster.hostcheck.Finding;
import org.godshell.toaster.hostcheck.PortCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A daemon run in the foreground (as {@code ./dev run} runs them) has no pid file of {@code toaster start}: when
 * this toaster holds its ports, the doctor says it runs; a daemon whose port another program holds is not.
 */
class DoctorTest {

    @TempDir
    Path prefix;

    @TempDir
    Path proc;

    @Test
    void aForegroundDaemonHoldingItsPortsRuns() throws Exception {
        Path root = prefix.toRealPath();
        Files.createDirectories(root.resolve("control"));
        Files.writeString(root.resolve("control/listen-smtp"), "127.0.0.1:25\n");
        Files.writeString(root.resolve("control/listen-pop3s"), "127.0.0.1:995\n");
        Files.createDirectories(proc.resolve("net"));
        // port 25 (0x19) held by postfix, 995 (0x3E3) by this toaster's pop3d in the foreground; no http port
        Files.writeString(proc.resolve("net/tcp"), """
                  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
                   0: 0100007F:0019 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 31337 1 0
                   1: 0100007F:03E3 00000000:0000 0A 00000000:00000000 00:00000000 00000000   999        0 42 1 0
                """);
        FakeProc.process(proc, 812, "master", "/usr/lib/postfix/sbin/master -w", 31337);
        FakeProc.process(proc, 900, "java", "/usr/bin/java -Dtoaster.home=" + root + " -cp " + root + "/lib/* "
                + "org.godshell.toaster.cli.Toaster pop3d", 42);
        Doctor doctor = new Doctor(root, new InstallNames("mx.example.org", "example.org", true),
                new PortCheck(proc), Optional.empty(), prefix.resolve("no-units"), false);
        List<String> lines = doctor.check().stream().map(Finding::line).toList();
        assertTrue(lines.contains("  ok       pop3d: running, not under toaster start (its ports are this toaster's: "
                + "in the foreground, as ./dev run starts it)"), lines.toString());
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("  warning  smtpd: not running (start it: ")),
                lines.toString());
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("  warning  wiki: not running (start it: ")),
                "no port of its own at all: not running" + lines);
    }
}
