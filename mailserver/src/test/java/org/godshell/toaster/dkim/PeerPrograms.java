package org.godshell.toaster.dkim;

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
 * Running the independent implementations the peer tests compare us with (DKIM here, ARC in package
 * {@code arc}): programs get their arguments as a list, never a shell string; a missing program or Python module
 * skips the test with the package to install, except under CI=true, where it fails.
 */
public final class PeerPrograms {

    public static final Path PYTHON = Path.of("/usr/bin/python3");

    /**
     * The start of a dkimpy script: the key records from the file named by its second argument (NAME RECORD
     * lines, the names with a final dot as dkimpy asks for them), a {@code dnsfunc} that answers from them, and
     * the message from the file named by its first argument.
     */
    public static final String DKIMPY_RECORDS = """
            import sys, dkim
            records = {}
            with open(sys.argv[2], 'rb') as f:
                for line in f:
                    name, _, value = line.rstrip(b'\\n').partition(b' ')
                    records[name] = value
            def dnsfunc(name, timeout=5):
                return records.get(name, b'')
            with open(sys.argv[1], 'rb') as f:
                message = f.read()
            """;

    private PeerPrograms() {
    }

    /** Runs {@code command} (a list: no shell), its output lines, failing on a non-zero exit. */
    public static List<String> run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        finish(process, command);
        return out.lines().toList();
    }

    /** Waits for {@code process}, failing when it runs past a minute or exits with anything but 0. */
    public static void finish(Process process, List<String> command) throws Exception {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(command.getFirst() + " did not finish within 60 s");
        }
        assertEquals(0, process.exitValue(), command.getFirst() + " exited " + process.exitValue());
    }

    /** Skipped with the reason where a package is missing; under CI it must run, so it fails there. */
    public static void require(Path program, String packages) {
        if (Files.isExecutable(program)) {
            return;
        }
        missing(program + " is not installed; install it with: apt-get install -y " + packages);
    }

    /** Debian's Python can import {@code modules} (as in {@code import dkim, nacl}), from {@code packages}. */
    public static void requirePython(String modules, String packages) throws IOException, InterruptedException {
        require(PYTHON, "python3 " + packages);
        Process probe = new ProcessBuilder(PYTHON.toString(), "-c", "import " + modules).redirectErrorStream(true)
                .start();
        probe.getInputStream().readAllBytes();
        if (!probe.waitFor(30, TimeUnit.SECONDS) || probe.exitValue() != 0) {
            probe.destroyForcibly();
            missing("Debian's python3 cannot import " + modules + "; install them with: apt-get install -y "
                    + packages);
        }
    }

    private static void missing(String why) {
        if ("true".equals(System.getenv("CI"))) {
            fail("CI=true, so the peer tests must run, but " + why);
        }
        Assumptions.abort("skipped: " + why);
    }
}
