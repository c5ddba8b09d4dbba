package org.godshell.toaster.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The nightly backup: in a system install the installer's {@code toaster-backup.timer} (disabled until asked),
 * whose service runs {@code PREFIX/bin/toaster backup --scheduled}; elsewhere a crontab line the admin adds.
 * {@code systemctl} is run with an argument list, never through a shell.
 *
 * @param systemctl runs a command line and returns its exit and output: the real one, or a table in tests
 */
public record BackupTimer(Command systemctl) {

    public static final String UNIT = "toaster-backup.timer";

    /** A command's exit code and its output (stdout and stderr together). */
    public record Outcome(int exit, String output) {}

    @FunctionalInterface
    public interface Command {
        Outcome run(List<String> argv) throws IOException;
    }

    /** The host's {@code systemctl}; one that hangs for a minute is killed and reported. */
    public static BackupTimer ofThisHost() {
        return new BackupTimer(argv -> {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
            try {
                process.getOutputStream().close();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return new Outcome(-1, String.join(" ", argv) + " did not finish within a minute");
                }
                return new Outcome(process.exitValue(), output.strip());
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + String.join(" ", argv), e);
            }
        });
    }

    public Outcome enable() throws IOException {
        return systemctl.run(List.of("systemctl", "enable", "--now", UNIT));
    }

    public Outcome disable() throws IOException {
        return systemctl.run(List.of("systemctl", "disable", "--now", UNIT));
    }

    /** Where there is no systemd timer: a crontab line for the prefix's owner, at 03:17 each night. */
    public static String crontabLine(Path prefix) {
        return "17 3 * * * " + prefix.resolve("bin").resolve("toaster") + " backup --scheduled";
    }
}
