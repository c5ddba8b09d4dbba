package org.godshell.toaster.installer.step;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.godshell.toaster.installer.prefix.Prefix;
import org.godshell.toaster.installer.settings.Settings;
import org.godshell.toaster.layout.Daemons;

/**
 * What every step may use: the settings, the prefix, the program runner, the output, the host's facts and a
 * record of which running services this run changed something for.
 *
 * @param systemd systemd, where it runs this host
 * @param proc    {@code /proc} on a host: who listens on which port, which processes run
 * @param prompt  asks the admin's password on a terminal; empty when nobody may be asked
 * @param dovecot where this host has (or gets) Dovecot, for IMAP
 */
public record StepContext(Settings settings, Prefix prefix, Commands commands, PrintWriter out,
        Optional<Systemd> systemd, Path proc, Optional<PasswordPrompt> prompt, Changes changes, Dovecot dovecot) {

    /** Reads a new password twice on the terminal, without echo; empty if the admin just presses Enter. */
    @FunctionalInterface
    public interface PasswordPrompt {
        Optional<char[]> ask(String address);
    }

    /**
     * Which daemons must restart because this run changed what they read: the program, a control file or the
     * certificate they read, their unit. A rerun that changed nothing restarts nothing.
     */
    public static final class Changes {
        private final Set<String> restart = ConcurrentHashMap.newKeySet();   // steps may run at the same time

        /** Every daemon reads it (the program, control/me, the certificate). */
        public void restartAll() {
            restart.addAll(Daemons.ALL);
        }

        public void restart(String daemon) {
            restart.add(daemon);
        }

        /** The daemons to restart, in the order of {@link Daemons#ALL}. */
        public List<String> toRestart() {
            return Daemons.ALL.stream().filter(restart::contains).toList();
        }

        public boolean needsRestart() {
            return !restart.isEmpty();
        }
    }

    /** systemd, when it runs the daemons: on a host it runs, in system mode. */
    public Optional<Systemd> services() {
        return settings.unprivileged() ? Optional.empty() : systemd;
    }

    public Path root() {
        return prefix.root();
    }

    /** {@code PREFIX/bin/toaster ARGS...} as an argv list. */
    public List<String> toaster(String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of(root().resolve("bin/toaster").toString()));
        argv.addAll(List.of(args));
        return argv;
    }
}
