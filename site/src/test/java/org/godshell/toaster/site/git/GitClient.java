package org.godshell.toaster.site.git;

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
 * The real git command-line client for the wiki's tests, as a contributor runs it: with {@code home} as its
 * HOME (no system or user configuration of this machine), committing as {@code email}, asking for credentials
 * only through GIT_ASKPASS reading the child's environment, so no password is written to a file.
 */
public final class GitClient {

    /** What one git command printed (stdout and stderr together), and its exit code. */
    public record Run(int exit, String output) {
    }

    private final Path home;
    private final String email;
    private final Path askpass;

    public GitClient(Path home, String email) throws IOException {
        this.home = home;
        this.email = email;
        askpass = home.resolve("askpass.sh");
        Files.writeString(askpass, """
                #!/bin/sh
                case "$1" in
                  Username*) printf '%s\\n' "$WIKI_TEST_USER" ;;
                  *) printf '%s\\n' "$WIKI_TEST_PASSWORD" ;;
                esac
                """);
        Files.setPosixFilePermissions(askpass, PosixFilePermissions.fromString("rwx------"));
    }

    /** Whether git is on the PATH; under {@code CI=true} its absence is an error, not a reason to skip. */
    public static boolean installed() {
        boolean found = Stream.of(System.getenv("PATH").split(":"))
                .anyMatch(p -> Files.isExecutable(Path.of(p, "git")));
        if (!found && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI=true but the git command-line client is not installed");
        }
        return found;
    }

    /**
     * Runs git in {@code workDir} as {@code user} (null: anonymous, with no askpass of the environment's), which
     * asks without credentials first and, on the 401, with them.
     */
    public Run git(Path workDir, String user, String password, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-c", "credential.helper=", "-c",
                "protocol.version=0", "-c", "user.name=Ed Editor", "-c", "user.email=" + email,
                "-c", "init.defaultBranch=main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("HOME", home.toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.put("LC_ALL", "C");
        env.remove("SSH_ASKPASS");
        env.remove("GIT_ASKPASS");
        if (user != null) {
            env.put("GIT_ASKPASS", askpass.toString());
            env.put("WIKI_TEST_USER", user);
            env.put("WIKI_TEST_PASSWORD", password);
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
