package org.godshell.toaster.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.godshell.toaster.io.AtomicFile;
import org.godshell.toaster.io.Handover;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's check logs one line per check once ACME is set up, and a second order waits for the first's lock. */
class DailyRenewalTest {

    @TempDir
    Path dir;

    @Test
    void aSetUpToasterWithoutACertificateYetSaysSoInOneLine() throws Exception {
        Path control = Files.createDirectories(dir.resolve("control"));
        Acme acme = new Acme(control, Handover.KEEP, Clock.systemUTC());
        Files.createDirectories(acme.files().dir());
        AtomicFile.write(acme.files().email(), "admin@example.test\n", "rw-------");
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        try (DailyRenewal renewal = DailyRenewal.start(acme, Duration.ZERO, Clock.systemUTC(), lines::add)) {
            String line = lines.poll(60, TimeUnit.SECONDS);                 // a safety net: the check runs at once
            assertTrue(line != null && line.startsWith("acme: no certificate issued yet in "), line);
        }
    }

    @Test
    void oneOrderAtATime() throws Exception {
        AcmeFiles files = new AcmeFiles(Files.createDirectories(dir.resolve("control")));
        try (OrderLock first = OrderLock.take(files, Handover.KEEP)) {
            AcmeException busy = org.junit.jupiter.api.Assertions.assertThrows(AcmeException.class,
                    () -> OrderLock.take(files, Handover.KEEP));
            assertTrue(busy.getMessage().contains("is locked"), busy.getMessage());
        }
        OrderLock.take(files, Handover.KEEP).close();
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(files.dir().resolve("lock"))));
    }
}
