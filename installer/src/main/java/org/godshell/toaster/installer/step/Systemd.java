package org.godshell.toaster.installer.step;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.layout.Daemons;

/**
 * systemd, on a host it runs: where the installer writes unit files, and the {@code systemctl} it asks (tests
 * give a directory and a stand-in program that keeps the units' states in files).
 *
 * @param units     {@code /etc/systemd/system} on a host
 * @param systemctl the program, {@code systemctl} on a host
 */
public record Systemd(Path units, String systemctl) {

    /** This host's systemd, if it runs the host (sd_booted(3): {@code /run/systemd/system} exists). */
    public static Optional<Systemd> ofThisHost() {
        return Files.isDirectory(Path.of("/run/systemd/system"))
                ? Optional.of(new Systemd(Path.of("/etc/systemd/system"), "systemctl")) : Optional.empty();
    }

    /** The unit file of a daemon. */
    Path file(String daemon) {
        return units.resolve(Daemons.unit(daemon));
    }

    /** {@code systemctl VERB [OPTION...] UNIT...} for these daemons' units, as an argv list. */
    List<String> argv(String verb, List<String> daemons, String... options) {
        List<String> argv = new ArrayList<>(List.of(systemctl, verb));
        argv.addAll(List.of(options));
        daemons.forEach(daemon -> argv.add(Daemons.unit(daemon)));
        return argv;
    }

    /** {@code systemctl VERB [OPTION...] UNIT...} for units of other names (Dovecot's, the reload units). */
    List<String> units(String verb, List<String> units, String... options) {
        List<String> argv = new ArrayList<>(List.of(systemctl, verb));
        argv.addAll(List.of(options));
        argv.addAll(units);
        return argv;
    }

    /** Whether a unit of any name is in a state ({@code is-active}, {@code is-enabled}). */
    boolean unitIs(Commands commands, String question, String unit) throws StepException {
        return commands.run(units(question, List.of(unit), "--quiet")).ok();
    }

    /**
     * Whether the daemon's unit is in a state ({@code is-active}, {@code is-enabled}), asked unit by unit:
     * systemctl answers yes for several units when any one of them is.
     */
    boolean is(Commands commands, String question, String daemon) throws StepException {
        return commands.run(argv(question, List.of(daemon), "--quiet")).ok();
    }

    /** Whether the unit file changed since systemd loaded it: {@code daemon-reload} is due. */
    boolean stale(Commands commands, String daemon) throws StepException {
        Commands.Result result = commands.run(argv("show", List.of(daemon), "--property=NeedDaemonReload",
                "--value"));
        return result.ok() && result.out().strip().equals("yes");
    }
}
