package org.godshell.toaster.scan;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A scanner program from a Debian package, found on the PATH. Without it the test is skipped with the command that
 * installs it, except under CI ({@code CI=true}), where a skipped scan would pass unseen: there it fails.
 *
 * @param program       the command, such as {@code testssl}
 * @param debianPackage the package that installs it, such as {@code testssl.sh}
 */
record Scanner(String program, String debianPackage) {

    static final Scanner TESTSSL = new Scanner("testssl", "testssl.sh");
    static final Scanner NMAP = new Scanner("nmap", "nmap");

    /** A run that may take at most this long is killed (with what it started): a hang guard, not a speed test. */
    static final Duration HARD_LIMIT = Duration.ofMinutes(4);

    /** The program's path; skips the test (or fails it under CI) when it is not installed. */
    Path require() {
        Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, program)).filter(Files::isExecutable)
                .findFirst();
        if (found.isPresent()) {
            return found.get();
        }
        String why = program + " is not on the PATH; install it with: apt-get install -y " + debianPackage;
        if ("true".equals(System.getenv("CI"))) {
            fail("CI=true, so the scan must run, but " + why);
        }
        return Assumptions.abort("skipped: " + why);
    }

    /** Starts {@code program args...} in {@code dir}, its output (both streams) in {@code output}. */
    Run start(Path dir, Path output, List<String> args) throws IOException {
        List<String> argv = new ArrayList<>(List.of(require().toString()));
        argv.addAll(args);
        Process process = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        return new Run(String.join(" ", argv), process, output);
    }

    /** A started scan; {@link #finish} waits for it. */
    record Run(String command, Process process, Path output) {

        /** Its exit code, once it exited; killed and failed after {@link #HARD_LIMIT} from {@code startedAt}. */
        int finish(long startedAt) throws IOException, InterruptedException {
            long left = HARD_LIMIT.toNanos() - (System.nanoTime() - startedAt);
            if (!process.waitFor(Math.max(0, left), TimeUnit.NANOSECONDS)) {
                stop();
                fail(command + " still ran after " + HARD_LIMIT.toMinutes() + " min and was killed; its output:\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            return process.exitValue();
        }

        /** Kills it and what it started, if it still runs: for a test that ends early. */
        void stop() throws InterruptedException {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
