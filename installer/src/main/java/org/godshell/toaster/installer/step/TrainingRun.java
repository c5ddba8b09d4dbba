package org.godshell.toaster.installer.step;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs one {@link Training}: {@code bin/toaster} with {@code TOASTER_JVM_CACHE=create} on the scratch prefix, its
 * output read by the training, then SIGTERM, at which the JVM exits and writes the cache (on Java 25 it starts
 * a second JVM that assembles it: most of the time this takes).
 */
final class TrainingRun {

    /** The training start and the JVM's writing of the cache, each, on a busy small host. */
    static final long LIMIT_SECONDS = 180;

    private TrainingRun() {
    }

    /** Empty when the training went as it should and the JVM ended; else why not. */
    static Optional<String> run(StepContext context, Training training, Path scratch) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(context.toaster(training.arguments(scratch).toArray(String[]::new)))
                .redirectErrorStream(true);
        builder.environment().put("TOASTER_JAVA", context.settings().java().toString());
        builder.environment().put("TOASTER_JVM_CACHE", "create");
        Process daemon = builder.start();
        // The limit holds even when the daemon neither does what the training waits for nor exits: the kill ends
        // the read below.
        Thread.ofVirtual().start(() -> {
            try {
                if (!daemon.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                    daemon.destroyForcibly();
                }
            } catch (InterruptedException e) {
                daemon.destroyForcibly();
            }
        });
        BufferedReader output = new BufferedReader(new InputStreamReader(daemon.getInputStream(),
                StandardCharsets.UTF_8));
        try {
            Optional<String> failure;
            try {
                failure = training.exercise(output);
            } catch (IOException e) {
                failure = Optional.of("the training run of the " + training.family() + " cache: " + e.getMessage());
            }
            // What the JVMs write while stopping is read, so that a full pipe never holds up the cache's writing.
            Thread.ofVirtual().start(() -> drain(output));
            // SIGTERM, at which the JVM exits and writes the cache. Through the process's handle: Process.destroy()
            // also closes the pipes, and the JVM that assembles the cache writes to them before it ignores SIGPIPE,
            // so it would die of the first line it writes.
            daemon.toHandle().destroy();
            if (!daemon.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
                return Optional.of("the training run did not end within " + LIMIT_SECONDS + " s");
            }
            return failure;
        } catch (InterruptedException e) {
            daemon.destroyForcibly();
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    private static void drain(BufferedReader output) {
        try (output) {
            output.transferTo(Writer.nullWriter());
        } catch (IOException e) {
            // The process is gone: nothing is left to read.
        }
    }
}
