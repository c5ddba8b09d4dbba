package org.godshell.toaster.layout;

import java.util.List;

/**
 * The systemd units of the daily {@code toaster stats} report in system mode: the installer writes them but never
 * enables them; {@code toaster stats schedule} sets the hour in a drop-in of the timer ({@link #AT_DROP_IN}) and
 * enables and starts the timer, which runs the service's {@code toaster stats --scheduled}. One list, so that the
 * installer, its uninstall and the command agree.
 */
public final class StatsUnits {

    /** The oneshot that mails one report. */
    public static final String SERVICE = "toaster-stats.service";
    /** The timer that starts {@link #SERVICE} once a day: the unit to enable. */
    public static final String TIMER = "toaster-stats.timer";
    /** Both, the timer first (the one to disable and stop first). */
    public static final List<String> UNITS = List.of(TIMER, SERVICE);
    /** The directory of the timer's drop-ins, beside the unit files. */
    public static final String DROP_INS = TIMER + ".d";
    /** The drop-in that {@code toaster stats schedule --at} writes, relative to the unit directory. */
    public static final String AT_DROP_IN = DROP_INS + "/schedule.conf";

    private StatsUnits() {
    }
}
