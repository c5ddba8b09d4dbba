package org.godshell.toaster.layout;

import java.util.List;

/**
 * The systemd units of the nightly backup in system mode: the installer writes them but never enables them;
 * {@code toaster backup schedule} enables and starts the timer, which runs the service's
 * {@code toaster backup --scheduled}. One list, so that the installer, its uninstall and the command agree.
 */
public final class BackupUnits {

    /** The oneshot that runs one backup. */
    public static final String SERVICE = "toaster-backup.service";
    /** The timer that starts {@link #SERVICE} every night: the unit to enable. */
    public static final String TIMER = "toaster-backup.timer";
    /** Both, the timer first (the one to disable and stop first). */
    public static final List<String> UNITS = List.of(TIMER, SERVICE);

    private BackupUnits() {
    }
}
