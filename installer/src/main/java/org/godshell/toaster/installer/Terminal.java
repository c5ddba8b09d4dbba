package org.godshell.toaster.installer;

import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.godshell.toaster.installer.settings.SettingsResolver;
import org.godshell.toaster.installer.step.StepContext;

/**
 * The admin at a terminal, if there is one: questions with defaults, and a password read twice without echo.
 * "A terminal" means stdin is a tty ({@code /proc/self/fd/0} is a {@code /dev/pts} or {@code /dev/tty} device);
 * a pipe, a file or {@code /dev/null} is nobody to ask, and then the installer never waits for an answer.
 */
final class Terminal {

    private final Console console;

    private Terminal(Console console) {
        this.console = console;
    }

    /** The terminal, unless --yes was given or stdin is not one. */
    static Optional<Terminal> unless(boolean yes) {
        if (yes || !stdinIsTty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(System.console()).map(Terminal::new);
    }

    private static boolean stdinIsTty() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    SettingsResolver.Asker asker() {
        return (question, defaultValue) -> {
            String answer = console.readLine("%s [%s]: ", question, defaultValue);
            return answer == null ? "" : answer.strip();
        };
    }

    /** Asks yes or no; only "yes" is yes. */
    boolean confirm(String question) {
        String answer = console.readLine("%s (type yes): ", question);
        return answer != null && answer.strip().equals("yes");
    }

    StepContext.PasswordPrompt passwordPrompt() {
        return address -> {
            for (int attempt = 0; attempt < 3; attempt++) {
                char[] first = console.readPassword("Password for %s (at least 10 characters; Enter: make one up): ",
                        address);
                if (first == null || first.length == 0) {
                    return Optional.empty();
                }
                char[] second = console.readPassword("Again: ");
                if (second != null && Arrays.equals(first, second) && first.length >= 10) {
                    Arrays.fill(second, '\0');
                    return Optional.of(first);
                }
                console.printf("%s%n", first.length < 10 ? "Too short." : "They differ.");
                Arrays.fill(first, '\0');
            }
            return Optional.empty();
        };
    }
}
