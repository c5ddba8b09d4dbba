package org.godshell.toaster.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Consumer;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ControlFiles;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.logline.DaemonLog;
import org.godshell.toaster.logline.LogFormat;

/**
 * The daemons' logs on stderr (systemd's journal, or the rotating file of {@code toaster start}), in the format
 * of {@code control/logformat}, read once at start: a log that changed format in the middle would break the
 * reader that parses it.
 */
final class DaemonLogs {

    private DaemonLogs() {
    }

    /** {@code control/logformat}; a bad file is an error naming file:line, which stops the daemon's start. */
    static LogFormat format(Path control) throws ConfigException {
        return Controls.once(control).get(ControlFiles.LOGFORMAT);
    }

    /** The wiki server's log: {@code TIME wiki: LINE} as text, or one JSON object a line. */
    static Consumer<String> wiki(LogFormat format, PrintStream out) {
        DaemonLog log = new DaemonLog("wiki", DaemonLog.Prefix.DAEMON, format, out, Clock.systemUTC(), 0);
        return log::message;
    }
}
