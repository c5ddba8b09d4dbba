package org.godshell.toaster.installer.step;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.godshell.toaster.installer.template.Template;
import org.godshell.toaster.io.AtomicFile;
import org.godshell.toaster.layout.BackupUnits;
import org.godshell.toaster.layout.StatsUnits;

/**
 * A scheduled job's service and timer written and loaded, never enabled: the nightly backup
 * ({@value BackupUnits#SERVICE}, {@value BackupUnits#TIMER}) and the daily report ({@value StatsUnits#SERVICE},
 * {@value StatsUnits#TIMER}) are the admin's choice, made with {@code toaster backup schedule} and {@code toaster
 * stats schedule}, which enable the timer. A rewritten timer that the admin had started is restarted so that it
 * follows the new file. Only where systemd runs the host, in system mode.
 */
final class TimerUnitsStep implements Step {

    private final StepContext context;
    private final String name;
    private final String service;
    private final String timer;
    private final String schedule;

    private TimerUnitsStep(StepContext context, String name, String service, String timer, String schedule) {
        this.context = context;
        this.name = name;
        this.service = service;
        this.timer = timer;
        this.schedule = schedule;
    }

    static TimerUnitsStep backup(StepContext context) {
        return new TimerUnitsStep(context, "backup-units", BackupUnits.SERVICE, BackupUnits.TIMER,
                "toaster backup schedule");
    }

    static TimerUnitsStep stats(StepContext context) {
        return new TimerUnitsStep(context, "stats-units", StatsUnits.SERVICE, StatsUnits.TIMER,
                "toaster stats schedule");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String describe() {
        return "systemd units " + service + " and " + timer + ", not enabled (" + schedule + " enables the timer)";
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
            context.commands().require(systemd.units("try-restart", List.of(timer)), Optional.empty());
        }
    }

    /** Each unit's name and text for this prefix, Java and service user: the timer first, then the service. */
    Map<String, String> render() throws StepException {
        Map<String, String> values = new HashMap<>(ServiceUnitsStep.paths(context));
        values.put("user", SystemUserStep.USER);
        Map<String, String> units = new LinkedHashMap<>();
        for (String unit : List.of(timer, service)) {
            units.put(unit, Template.resource(unit).render(values));
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
