package org.godshell.toaster.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.godshell.toaster.layout.Daemons;

/**
 * systemd as the doctor asks it, on a host it runs: where the installer writes unit files, and {@code systemctl
 * is-enabled} / {@code is-active} for one unit.
 *
 * @param units     where the installer's unit files are ({@code /etc/systemd/system})
 * @param systemctl the questions, answered by the real {@code systemctl} on a host, by a table in tests
 */
public record Systemd(Path units, Systemctl systemctl) {

    /** {@code systemctl VERB --quiet UNIT} answering yes (exit 0); a systemctl that hangs past 10 s answers no. */
    @FunctionalInterface
    public interface Systemctl {
        boolean yes(String verb, String unit) throws IOException;
    }

    /** This host's systemd, if it runs the host (sd_booted(3): {@code /run/systemd/system} exists). */
    public static Optional<Systemd> ofThisHost() {
        return Files.isDirectory(Path.of("/run/systemd/system"))
                ? Optional.of(new Systemd(Path.of("/etc/systemd/system"), Systemd::ask)) : Optional.empty();
    }

    /** Whether the installer put the daemons under systemd here: the unit of smtpd, its first, is there. */
    boolean runsTheToaster() {
        return Files.isRegularFile(units.resolve(Daemons.unit("smtpd")));
    }

    private static boolean ask(String verb, String unit) throws IOException {
        Process process = new ProcessBuilder("systemctl", verb, "--quiet", unit)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
