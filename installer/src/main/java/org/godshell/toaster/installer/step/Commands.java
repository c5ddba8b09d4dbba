package org.godshell.toaster.installer.step;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program with an argv list (never a shell string), optional stdin, a time limit, and the Java the
 * installer runs with handed to {@code bin/toaster} as {@code TOASTER_JAVA}.
 */
public final class Commands {

    /** What a program did: its exit code and its output. */
    public record Result(int exit, String out, String err) {
        public boolean ok() {
            return exit == 0;
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private final Map<String, String> environment;

    /** @param java the java binary that {@code bin/toaster} should use */
    public Commands(Path java) {
        this.environment = Map.of("TOASTER_JAVA", java.toString());
    }

    public Result run(List<String> argv) throws StepException {
        return run(argv, Optional.empty());
    }

    public Result run(List<String> argv, Optional<String> stdin) throws StepException {
        return run(argv, stdin, Map.of(), TIMEOUT);
    }

    /**
     * Runs with more environment variables and another time limit: a package manager may wait minutes for its
     * lock and its downloads.
     */
    public Result run(List<String> argv, Optional<String> stdin, Map<String, String> more, Duration timeout)
            throws StepException {
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().putAll(environment);
        builder.environment().putAll(more);
        try {
            Process process = builder.start();
            CompletableFuture<String> out = drain(process.getInputStream());
            CompletableFuture<String> err = drain(process.getErrorStream());
            try (OutputStream in = process.getOutputStream()) {
                if (stdin.isPresent()) {
                    in.write(stdin.get().getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new StepException(argv.get(0) + " did not finish within " + timeout.toSeconds() + " s");
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new StepException("cannot run " + argv.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepException("interrupted while running " + argv.get(0), e);
        }
    }

    /** Runs and requires exit code 0; otherwise the program's own error is the message. */
    public Result require(List<String> argv, Optional<String> stdin) throws StepException {
        return checked(argv, run(argv, stdin));
    }

    /** {@link #run(List, Optional, Map, Duration)}, requiring exit code 0 as {@link #require(List, Optional)}. */
    public Result require(List<String> argv, Map<String, String> more, Duration timeout) throws StepException {
        return checked(argv, run(argv, Optional.empty(), more, timeout));
    }

    private static Result checked(List<String> argv, Result result) throws StepException {
        if (!result.ok()) {
            String why = result.err().isBlank() ? result.out() : result.err();
            throw new StepException(String.join(" ", argv) + " failed (exit " + result.exit() + "): " + why.strip());
        }
        return result;
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }, Thread::startVirtualThread);
    }
}
