package org.godshell.toaster.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.godshell.toaster.cli.Toaster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor with a real {@code toaster smtpd}: a prefix whose bin/toaster runs this build's classes, as the
 * installed launcher runs the installed jars, on an ephemeral port.
 */
class SupervisorTest {

    @TempDir
    Path temp;
    private Path prefix;
    private Supervisor supervisor;

    private void prefix(String listen) throws IOException {
        prefix = temp.resolve("toaster").toRealPath(java.nio.file.LinkOption.NOFOLLOW_LINKS);
        Files.createDirectories(prefix.resolve("bin"));
        Files.createDirectories(prefix.resolve("control"));
        Files.writeString(prefix.resolve("control/listen-smtp"), listen + "\n");
        Files.writeString(prefix.resolve("control/me"), "localhost\n");
        Path launcher = prefix.resolve("bin/toaster");
        Files.writeString(launcher, "#!/bin/sh\nexec \"$TOASTER_JAVA\" -Dtoaster.home=" + prefix + " -cp '"
                + System.getProperty("java.class.path") + "' org.godshell.toaster.cli.Toaster \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        supervisor = new Supervisor(prefix, Path.of(System.getProperty("java.home"), "bin", "java"));
    }

    @AfterEach
    void stopWhatIsLeft() throws Exception {
        if (supervisor != null) {
            supervisor.stop("smtpd");
        }
    }

    @Test
    void startStatusStopOfARealSmtpd() throws Exception {
        Files.createDirectories(temp.resolve("toaster"));
        prefix("127.0.0.1:0");
        Supervisor.Outcome started = supervisor.start("smtpd", Optional.empty());
        Supervisor.Started running = assertInstanceOf(Supervisor.Started.class, started, started.line());
        assertEquals(running.pid() + "\n", Files.readString(prefix.resolve("run/smtpd.pid")));
        assertTrue(Files.readString(prefix.resolve("log/smtpd.log")).contains("smtpd: listening on 127.0.0.1:"));

        assertInstanceOf(Supervisor.AlreadyRunning.class, supervisor.status("smtpd"));
        assertInstanceOf(Supervisor.AlreadyRunning.class, supervisor.start("smtpd", Optional.empty()),
                "a second start leaves the running one alone");
        assertEquals(0, cli("status", "smtpd"));
        assertEquals(3, cli("status"), "pop3d is not running: exit 3, as LSB status");

        Supervisor.Outcome stopped = supervisor.stop("smtpd");
        assertInstanceOf(Supervisor.Stopped.class, stopped, stopped.line());
        assertFalse(ProcessHandle.of(running.pid()).map(ProcessHandle::isAlive).orElse(false));
        assertFalse(Files.exists(prefix.resolve("run/smtpd.pid")));
        assertInstanceOf(Supervisor.NotRunning.class, supervisor.status("smtpd"));
    }

    @Test
    void aStalePidFileNeverGetsAnotherProcessKilled() throws Exception {
        Files.createDirectories(temp.resolve("toaster"));
        prefix("127.0.0.1:0");
        Process stranger = new ProcessBuilder("sleep", "60").start();
        try {
            Files.createDirectories(prefix.resolve("run"));
            for (String content : new String[] {stranger.pid() + "\n", "garbage", "-1", "99999999999999", ""}) {
                Files.writeString(prefix.resolve("run/smtpd.pid"), content);
                assertInstanceOf(Supervisor.NotRunning.class, supervisor.status("smtpd"), content);
                assertInstanceOf(Supervisor.NotRunning.class, supervisor.stop("smtpd"), content);
                assertTrue(stranger.isAlive(), "the process the stale pid file names must live on");
            }
        } finally {
            stranger.destroyForcibly();
        }
    }

    @Test
    void aDaemonThatCannotStartGivesTheEndOfItsLog() throws Exception {
        Files.createDirectories(temp.resolve("toaster"));
        prefix("not-an-address");
        Supervisor.Outcome outcome = supervisor.start("smtpd", Optional.empty());
        Supervisor.Failed failed = assertInstanceOf(Supervisor.Failed.class, outcome, outcome.line());
        assertTrue(failed.why().contains("listen-smtp"), failed.why());
        assertFalse(Files.exists(prefix.resolve("run/smtpd.pid")));
    }

    @Test
    void badArgumentsAreExitTwo() throws Exception {
        Files.createDirectories(temp.resolve("toaster"));
        prefix("127.0.0.1:0");
        assertEquals(2, cli("start", "imapd"));
        assertEquals(2, cli("start", "--user", "root;id", "smtpd"));
        assertEquals(2, cli("stop", "../../etc/passwd"));
        assertFalse(Supervisor.validUser("Root"));
        assertTrue(Supervisor.validUser("toaster"));
    }

    private int cli(String... args) {
        String[] withPrefix = new String[args.length + 1];
        withPrefix[0] = args[0];
        withPrefix[1] = "--prefix=" + prefix;
        System.arraycopy(args, 1, withPrefix, 2, args.length - 1);
        StringWriter sink = new StringWriter();
        return Toaster.execute(new PrintWriter(sink, true), new PrintWriter(sink, true), withPrefix);
    }
}
