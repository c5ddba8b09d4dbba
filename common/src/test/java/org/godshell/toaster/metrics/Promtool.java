package org.godshell.toaster.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Prometheus's own checker, {@code promtool check metrics} (Debian's {@code prometheus} package), for the
 * daemons' real exposition: it parses it and lints names, units, types and help. Skipped with the reason where
 * promtool is missing, except under {@code CI=true}, where it fails. Shared by mailserver's and the site's tests.
 */
public final class Promtool {

    public static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    private Promtool() {
    }

    /** Aborts the test with the reason when promtool is missing, or fails it under {@code CI=true}. */
    public static void requireOrSkip() {
        if (Files.isExecutable(PROMTOOL)) {
            return;
        }
        String why = PROMTOOL + " is not installed; install it with: apt-get install -y prometheus";
        if ("true".equals(System.getenv("CI"))) {
            fail("CI=true, so the promtool check must run, but " + why);
        }
        Assumptions.abort(why);
    }

    /** promtool reads the exposition on stdin and says nothing, exiting 0, when it is valid and lint-clean. */
    public static void check(Path dir, String exposition) throws IOException, InterruptedException {
        Path file = Files.writeString(dir.resolve("metrics.txt"), exposition);
        Process process = new ProcessBuilder(List.of(PROMTOOL.toString(), "check", "metrics"))
                .redirectInput(file.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("promtool did not finish within 60 s");
        }
        assertEquals("", out.strip(), "promtool's findings");
        assertEquals(0, process.exitValue(), "promtool exited " + process.exitValue() + ": " + out);
    }
}
