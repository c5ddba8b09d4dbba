package org.godshell.toaster.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code --prefix DIR}: the toaster installation to work on. {@code bin/toaster} passes its own prefix as the
 * {@code toaster.home} property, so an installed toaster needs no option.
 */
final class PrefixOption {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--prefix", paramLabel = "DIR",
            description = "The toaster installation (default: the one bin/toaster belongs to).")
    private Path prefix;

    Path prefix() {
        Path chosen = prefix;
        if (chosen == null) {
            String home = System.getProperty("toaster.home");
            if (home == null || home.isBlank()) {
                throw new ParameterException(spec.commandLine(),
                        "no installation given: use --prefix DIR, or run the installed bin/toaster");
            }
            chosen = Path.of(home);
        }
        if (!Files.isDirectory(chosen.resolve("control"))) {
            throw new ParameterException(spec.commandLine(),
                    chosen + " holds no toaster installation (no control/ directory)");
        }
        return chosen.toAbsolutePath().normalize();
    }

    /** Whether an installation was named, by {@code --prefix} or by the launcher, for commands that can do without. */
    boolean given() {
        String home = System.getProperty("toaster.home");
        return prefix != null || (home != null && !home.isBlank());
    }

    Path control() {
        return prefix().resolve("control");
    }
}
