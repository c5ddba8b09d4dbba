package org.godshell.toaster.layout;

import java.util.List;

/**
 * The daemons an install runs: their names ({@code toaster smtpd}, {@code toaster pop3d}, {@code toaster wiki
 * serve}) and their systemd units. The installer writes the units, {@code toaster start} runs the daemons
 * without systemd, and the doctor checks them, all from this one list.
 */
public final class Daemons {

    /** In the order every list of them is printed. */
    public static final List<String> ALL = List.of("smtpd", "pop3d", "wiki");

    private Daemons() {
    }

    /** The unit file of a daemon: {@code toaster-NAME.service}. */
    public static String unit(String daemon) {
        return "toaster-" + daemon + ".service";
    }
}
