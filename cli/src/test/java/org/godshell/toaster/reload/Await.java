package org.godshell.toaster.reload;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Waiting for an outcome that a daemon reaches in its own time (a delivery, a log line). Only positive outcomes
 * are waited for, with a deadline far beyond what they take on an idle machine, so that a busy CI machine makes
 * the test slower, never red.
 */
public final class Await {

    /** How long any outcome may take: a delivery on loopback takes milliseconds. */
    public static final Duration PATIENCE = Duration.ofSeconds(30);

    private Await() {
    }

    /** The first value {@code probe} finds, asked again every 50 ms until {@link #PATIENCE} runs out. */
    static <T> T value(String what, Callable<Optional<T>> probe) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            Optional<T> found = probe.call();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() - deadline > 0) {
                return fail("not within " + PATIENCE.toSeconds() + " s: " + what);
            }
            Thread.sleep(50);
        }
    }

    /** Returns once {@code condition} holds, asked as {@link #value} asks. */
    static void until(String what, Callable<Boolean> condition) throws Exception {
        value(what, () -> condition.call() ? Optional.of(true) : Optional.empty());
    }
}
