package org.godshell.toaster.backup.pgp;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real peer, GnuPG, in its own home directory (never the user's keyring): it makes the keys the admin would
 * have, and encrypts and decrypts beside our code. Every run has its output in files (so nothing blocks on a full
 * pipe) and a generous upper bound, only so that a hung gpg fails the test instead of hanging the build.
 */
final class GnuPg implements AutoCloseable {

    static final Path GPG = Path.of("/usr/bin/gpg");
    private static final Path GPGCONF = Path.of("/usr/bin/gpgconf");

    record Result(int exit, String stderr) {
    }

    private final Path home;
    private final Path work;
    private int runs;

    GnuPg(Path dir) throws IOException {
        requireGpg();
        this.home = Files.createDirectories(dir.resolve("gnupg"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        this.work = Files.createDirectories(dir.resolve("gpg-runs"));
    }

    /** Skipped with the reason where gpg is not installed; under CI it must run, so it fails there. */
    static void requireGpg() {
        if (Files.isExecutable(GPG)) {
            return;
        }
        String why = GPG + " is not installed; install it with: apt-get install -y gnupg";
        if ("true".equals(System.getenv("CI"))) {
            fail("CI=true, so the GnuPG tests must run, but " + why);
        }
        Assumptions.abort("skipped: " + why);
    }

    /** Runs gpg with these arguments (after --homedir, --batch and loopback pinentry); fails the test on an error. */
    String run(String... args) throws IOException, InterruptedException {
        Result result = tryRun(args);
        if (result.exit() != 0) {
            fail("gpg " + String.join(" ", args) + " exited " + result.exit() + ":\n" + result.stderr());
        }
        return result.stderr();
    }

    Result tryRun(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(GPG.toString(), "--homedir", home.toString(), "--batch",
                "--no-tty", "--pinentry-mode", "loopback"));
        command.addAll(List.of(args));
        int n = ++runs;
        Path out = work.resolve("stdout-" + n);
        Path err = work.resolve("stderr-" + n);
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("gpg " + String.join(" ", args) + " did not finish");
        }
        return new Result(process.exitValue(), Files.readString(err, StandardCharsets.UTF_8)
                + Files.readString(out, StandardCharsets.UTF_8));
    }

    /** Makes a key and returns its fingerprint; passphrase "" for an unprotected key. */
    String generate(String userId, String algorithm, String usage, String expiry, String passphrase)
            throws IOException, InterruptedException {
        run("--passphrase", passphrase, "--quick-gen-key", userId, algorithm, usage, expiry);
        return fingerprint(userId);
    }

    String fingerprint(String userId) throws IOException, InterruptedException {
        String listing = run("--with-colons", "--list-keys", userId);
        return listing.lines().filter(line -> line.startsWith("fpr:")).findFirst()
                .map(line -> line.split(":")[9]).orElseThrow();
    }

    Path exportPublic(String fingerprint, Path file, boolean armor) throws IOException, InterruptedException {
        run(armored(armor, "--output", file.toString(), "--export", fingerprint));
        return file;
    }

    Path exportSecret(String fingerprint, String passphrase, Path file, boolean armor)
            throws IOException, InterruptedException {
        run(armored(armor, "--passphrase", passphrase, "--output", file.toString(), "--export-secret-keys",
                fingerprint));
        return file;
    }

    private static String[] armored(boolean armor, String... args) {
        List<String> all = new ArrayList<>(armor ? List.of("--armor") : List.of());
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    /** Stops the gpg-agent this home directory started (only this one: gpgconf addresses it by --homedir). */
    @Override
    public void close() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(GPGCONF.toString(), "--homedir", home.toString(), "--kill", "all")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
    }
}
