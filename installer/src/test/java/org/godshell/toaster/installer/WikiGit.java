package org.godshell.toaster.installer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real {@code git} command line, run on the test's machine against an installed wiki, as the site module's
 * push tests run it: no system or user configuration, never a prompt, and the editor's credentials handed over
 * by a GIT_ASKPASS script that reads them from its own environment (so they never appear in an argv). The bare
 * test image has no git and no package mirror; with host networking its wiki is on this machine's loopback, where
 * the wiki accepts a push (over TLS too).
 */
final class WikiGit {

    /** What one git command did: its exit code and its output (stdout and stderr together). */
    record Run(int exit, String output) {
    }

    private final Path home;
    private final Path askpass;

    WikiGit(Path home) throws IOException {
        this.home = Files.createDirectories(home);
        askpass = home.resolve("askpass.sh");
        Files.writeString(askpass, """
                #!/bin/sh
                case "$1" in
                  Username*) printf '%s\\n' "$WIKI_USER" ;;
                  *) printf '%s\\n' "$WIKI_PASSWORD" ;;
                esac
                """);
        Files.setPosixFilePermissions(askpass, PosixFilePermissions.fromString("rwx------"));
    }

    /** Whether git is on the PATH; under CI=true its absence is an error (.ci/run installs it). */
    static boolean installed() {
        boolean found = Stream.of(System.getenv("PATH").split(":"))
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, "git")));
        if (!found && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI=true but the git command-line client is not installed");
        }
        return found;
    }

    /**
     * Runs git in {@code workDir}; {@code user} null is anonymous. The install's certificate is self-signed for
     * its host name, so this test client alone skips the certificate check.
     */
    Run git(Path workDir, String user, String password, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-c", "credential.helper=", "-c", "http.sslVerify=false",
                "-c", "user.name=Container Test", "-c", "user.email=postmaster@example.test"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("HOME", home.toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.put("LC_ALL", "C");
        env.remove("SSH_ASKPASS");
        if (user != null) {
            env.put("GIT_ASKPASS", askpass.toString());
            env.put("WIKI_USER", user);
            env.put("WIKI_PASSWORD", password);
        } else {
            env.remove("GIT_ASKPASS");
        }
        Process process = builder.start();
        process.getOutputStream().close();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("git " + String.join(" ", args) + " did not finish");
        }
        return new Run(process.exitValue(), output);
    }
}
