package org.godshell.toaster.installer;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The distribution tar.gz that cli's build makes ({@code cli/target/toaster-*-dist.tar.gz}): the
 * real bin/toaster, for tests of the steps that run it. Absent when only this module was built: then those tests
 * are skipped, except under CI, where the whole build runs and its absence is a failure.
 */
final class RealDistribution {

    private RealDistribution() {
    }

    static Path require() throws IOException {
        Path target = Path.of("..", "cli", "target").toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            try (Stream<Path> files = Files.list(target)) {
                var found = files.filter(f -> f.getFileName().toString().matches("toaster-.*-dist\\.tar\\.gz")).findFirst();
                if (found.isPresent()) {
                    return found.get();
                }
            }
        }
        String why = "no distribution in " + target + "; build it: mvn -pl installer -am verify";
        if ("true".equals(System.getenv("CI"))) {
            fail(why);
        }
        Assumptions.abort(why);
        throw new IllegalStateException("unreachable");
    }
}
