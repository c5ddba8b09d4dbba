package org.godshell.toaster.installer.step;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.godshell.toaster.installer.template.Template;
import org.godshell.toaster.io.AtomicFile;
import org.godshell.toaster.layout.BackupUnits;

/**
 * {@value BackupUnits#SERVICE} and {@value BackupUnits#TIMER} written and loaded, never enabled: a nightly backup
 * is the admin's choice, made with {@code toaster backup schedule}, which enables the timer. A rewritten timer
 * that the admin had started is restarted so that it follows the new file. Only where systemd runs the host.
 */
final class BackupUnitsStep implements Step {

    /** Paths that a unit file can carry unquoted: no spaces, no % specifiers, no quotes. */

    private final StepContext context;

    BackupUnitsStep(StepContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "backup-units";
    }

    @Override
    public String describe() {
        return "systemd units " + BackupUnits.SERVICE + " and " + BackupUnits.TIMER + ", not enabled (toaster backup"
                + " schedule enables the timer)";
    }

    @Override
    public boolean isDone() throws IOException, StepException {
        for (Map.Entry<String, String> unit : render().entrySet()) {
            if (!written(unit.getKey(), unit.getValue())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void apply() throws IOException, StepException {
        Systemd systemd = context.services().orElseThrow(() -> new StepException("systemd does not run this host"));
        boolean changed = false;
        for (Map.Entry<String, String> unit : render().entrySet()) {
            if (!written(unit.getKey(), unit.getValue())) {
                AtomicFile.write(systemd.units().resolve(unit.getKey()), unit.getValue(), "rw-r--r--");
                changed = true;
            }
        }
        if (changed) {
            context.commands().require(systemd.units("daemon-reload", List.of()), Optional.empty());
            // Only a timer that runs is restarted: one the admin never scheduled stays off.
            context.commands().require(systemd.units("try-restart", List.of(BackupUnits.TIMER)), Optional.empty());
        }
    }

    /** Each unit's name and text for this prefix and Java, in {@link BackupUnits#UNITS}' order. */
    Map<String, String> render() throws StepException {
        Map<String, String> paths = ServiceUnitsStep.paths(context);
        Map<String, String> units = new LinkedHashMap<>();
        for (String unit : BackupUnits.UNITS) {
            units.put(unit, Template.resource(unit).render(paths));
        }
        return units;
    }

    private boolean written(String unit, String text) throws IOException, StepException {
        Path file = context.services().orElseThrow(() -> new StepException("systemd does not run this host"))
                .units().resolve(unit);
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                && Files.readString(file, StandardCharsets.UTF_8).equals(text);
    }
}
