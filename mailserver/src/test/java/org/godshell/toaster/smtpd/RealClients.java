package org.godshell.toaster.smtpd;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/** Finds real client programs on PATH for tests that talk to the server with them. */
final class RealClients {

    private RealClients() {}

    static Optional<Path> find(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Arrays.stream(path.split(File.pathSeparator)).filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, program)).filter(Files::isExecutable).findFirst();
    }

    /** Skips the test without the program (.ci/run installs none of these clients, so CI skips too). */
    static void assumeInstalled(Optional<Path> program, String name) {
        Assumptions.assumeTrue(program.isPresent(), name + " is not on PATH");
    }
}
