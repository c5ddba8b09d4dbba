package org.godshell.toaster.installer.step;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.installer.prefix.Prefix;
import org.godshell.toaster.installer.settings.Settings;

/**
 * What every step may use: the settings, the prefix, the program runner, the output, the host's facts and a
 * record of whether this run changed what the running services read.
 *
 * @param units   where systemd unit files go ({@code /etc/systemd/system} on a real host)
 * @param systemd whether systemd runs this host ({@code /run/systemd/system} exists)
 * @param prompt  asks the admin's password on a terminal; empty when nobody may be asked
 */
public record StepContext(Settings settings, Prefix prefix, Commands commands, PrintWriter out, Path units,
        boolean systemd, Optional<PasswordPrompt> prompt, Changes changes) {

    /** Reads a new password twice on the terminal, without echo; empty if the admin just presses Enter. */
    @FunctionalInterface
    public interface PasswordPrompt {
        Optional<char[]> ask(String address);
    }

    /** Whether this run changed program files or configuration, so running services must restart. */
    public static final class Changes {
        private volatile boolean restartNeeded;           // steps may run at the same time (Concurrently)

        public void restartNeeded() {
            restartNeeded = true;
        }

        public boolean needsRestart() {
            return restartNeeded;
        }
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
