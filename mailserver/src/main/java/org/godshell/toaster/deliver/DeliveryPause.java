package org.godshell.toaster.deliver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.godshell.toaster.io.AtomicFile;

/**
 * The runner's side of a pause ({@link QueueSnapshot}): while a pause holds, no attempt starts; once none runs,
 * {@code queue/paused} says so, a line per pause (its token and when it ends). A pause is a lease: it ends by
 * itself after {@link #LEASE}, so a backup that dies while the queue is held never stops delivery for longer.
 * Pauses are kept by token, so that one left by a dead backup cannot hide a new one.
 */
final class DeliveryPause {

    /** How long a pause holds without its resume. Hard-linking even a large queue takes seconds. */
    static final Duration LEASE = Duration.ofMinutes(2);

    /** Bounds the acknowledgement read; requests are taken at most every 100 ms, so few pauses can exist. */
    private static final int MAX_ACK = 16 * 1024;

    private final Path pausedFile;
    private final Consumer<String> log;
    private final Map<String, Instant> pauses = new LinkedHashMap<>();
    private boolean acknowledged;

    private DeliveryPause(Path pausedFile, Consumer<String> log) {
        this.pausedFile = pausedFile;
        this.log = log;
    }

    /** The pause state of the queue in {@code queueDir}; an acknowledgement left by an earlier runner is removed. */
    static DeliveryPause open(Path queueDir, Consumer<String> log) throws IOException {
        DeliveryPause pause = new DeliveryPause(queueDir.resolve("paused"), log);
        Files.deleteIfExists(pause.pausedFile);
        return pause;
    }

    synchronized void pause(String token, Instant now) {
        pauses.put(token, now.plus(LEASE));
        changed();
        log.accept("delivery: paused for a queue snapshot (" + token + "), at most " + LEASE.toSeconds() + " s");
    }

    synchronized void resume(String token) {
        if (pauses.remove(token) != null) {
            changed();
            log.accept("delivery: resumed after the queue snapshot (" + token + ")");
        }
    }

    /** Whether attempts must wait at {@code now}; pauses whose lease ran out end here. */
    synchronized boolean holding(Instant now) {
        if (pauses.values().removeIf(now::isAfter)) {
            changed();
            log.accept("delivery: a pause for a queue snapshot ran out, " + (pauses.isEmpty() ? "resuming"
                    : pauses.size() + " still holding"));
        }
        return !pauses.isEmpty();
    }

    /** Called when no attempt runs during a pause: says so in {@code queue/paused}, once per change. */
    synchronized void idle() {
        if (pauses.isEmpty() || acknowledged) {
            return;
        }
        StringBuilder text = new StringBuilder();
        pauses.forEach((token, until) -> text.append(token).append(' ').append(until).append('\n'));
        try {
            AtomicFile.write(pausedFile, text.toString(), "rw-r-----");
            acknowledged = true;
        } catch (IOException e) {
            log.accept("delivery: cannot write " + pausedFile + ": " + e.getMessage());
        }
    }

    synchronized void stop() {
        if (!pauses.isEmpty()) {
            pauses.clear();
            changed();
            log.accept("delivery: stopping during a pause for a queue snapshot");
        }
    }

    /** Whether {@code queue/paused} in {@code queueDir} acknowledges the pause {@code token} asked for. */
    static boolean acknowledged(Path queueDir, String token) throws IOException {
        Path file = queueDir.resolve("paused");
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_ACK) {
                return false;
            }
            return Files.readString(file, StandardCharsets.US_ASCII).lines()
                    .anyMatch(line -> line.startsWith(token + " "));
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** The acknowledgement no longer says what holds: removed, and written again once the runner is idle. */
    private void changed() {
        acknowledged = false;
        try {
            Files.deleteIfExists(pausedFile);
        } catch (IOException e) {
            log.accept("delivery: cannot remove " + pausedFile + ": " + e.getMessage());
        }
    }
}
