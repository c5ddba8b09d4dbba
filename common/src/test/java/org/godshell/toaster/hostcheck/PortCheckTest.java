package org.godshell.toaster.hostcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ports before an install (free, or ours) and on an installed toaster (all ours), from a fixture /proc. */
class PortCheckTest {

    private static final Path PREFIX = Path.of("/opt/toaster");
    private static final List<PortCheck.Port> PORTS = List.of(new PortCheck.Port("listen-smtp", 25),
            new PortCheck.Port("listen-pop3s", 995), new PortCheck.Port("listen-https", 443));

    @TempDir
    Path proc;

    @BeforeEach
    void holders() throws IOException {
        Files.createDirectories(proc.resolve("net"));
        // port 25 (0x19) inode 31337 held by postfix, 995 (0x3E3) inode 42 by this toaster; 443 free
        Files.writeString(proc.resolve("net/tcp"), """
                  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
                   0: 00000000:0019 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 31337 1 0
                   1: 00000000:03E3 00000000:0000 0A 00000000:00000000 00:00000000 00000000   999        0 42 1 0
                """);
        FakeProc.process(proc, 812, "master", "/usr/lib/postfix/sbin/master -w", 31337);
        FakeProc.process(proc, 900, "java", "/usr/bin/java -Dtoaster.home=/opt/toaster -cp /opt/toaster/lib/* "
                + "org.godshell.toaster.cli.Toaster pop3d", 42);
    }

    @Test
    void beforeAnInstallAForeignHolderFailsOnlyWhenTheToasterIsToStart() {
        List<Finding> starting = new PortCheck(proc).free(PORTS, PREFIX, true);
        assertEquals(List.of(
                Finding.fail("master (pid 812) holds port 25: postfix: systemctl disable --now postfix"),
                Finding.ok("port 995 is this toaster's (pid 900)"),
                Finding.ok("port 443 is free")), starting);
        assertEquals(Finding.Level.WARN, new PortCheck(proc).free(PORTS, PREFIX, false).getFirst().level());
    }

    @Test
    void anInstalledToasterMustHoldEveryPort() {
        List<Finding> serving = new PortCheck(proc).serving(PORTS, PREFIX);
        assertEquals(Finding.Level.FAIL, serving.get(0).level());
        assertEquals(Finding.ok("port 995 is this toaster's (pid 900)"), serving.get(1));
        assertEquals(Finding.fail("nothing listens on port 443 (listen-https): start the toaster, see the services "
                + "above"), serving.get(2));
        assertEquals(Finding.Level.FAIL, new PortCheck(proc).serving(PORTS, Path.of("/opt/other")).get(1).level(),
                "another prefix's toaster is not this one");
    }

    @Test
    void noProcTablesMeansNothingIsHeld() {
        assertEquals(Finding.ok("port 25 is free"),
                new PortCheck(proc.resolve("missing")).free(PORTS, PREFIX, true).getFirst());
    }
}
