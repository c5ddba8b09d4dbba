package org.godshell.toaster.deliver;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.godshell.toaster.queue.NoSuchMessageException;
import org.godshell.toaster.queue.Queue;
import org.godshell.toaster.queue.QueueId;
import org.godshell.toaster.queue.QueuedMessage;

/**
 * The queue as {@code toaster queue list|show|stats} present it: each message with its delivery state, read
 * without taking the queue from the delivery process (committed messages and state files are only ever
 * replaced atomically, so reading them while delivery runs is safe).
 */
public final class QueueView {

    /** A queued message and where its delivery stands; {@code problem} when its state file was unusable. */
    public record Entry(QueuedMessage message, Progress progress, Optional<String> problem) {
    }

    private final Queue queue;
    private final ProgressStore store;

    private QueueView(Queue queue, ProgressStore store) {
        this.queue = queue;
        this.store = store;
    }

    /** A view of the queue in {@code queueDir}, which must exist. */
    public static QueueView open(Path queueDir, Queue queue) throws IOException {
        return new QueueView(queue, ProgressStore.open(queueDir));
    }

    /** Every message, oldest first; messages that vanish while listing (delivered meanwhile) are left out. */
    public List<Entry> entries(Instant now) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (QueueId id : queue.list()) {
            try {
                entries.add(entry(id, now));
            } catch (NoSuchMessageException e) {
                continue;
            }
        }
        return entries;
    }

    /** One message. @throws NoSuchMessageException if it is not (or no longer) queued */
    public Entry entry(QueueId id, Instant now) throws IOException {
        QueuedMessage message = queue.read(id);
        ProgressStore.Loaded loaded = store.load(message, now);
        return new Entry(message, loaded.progress(), loaded.problem());
    }

    /** A duration as people say it: {@code 45s}, {@code 12m}, {@code 3h05m}, {@code 2d04h}. */
    public static String age(Duration duration) {
        long seconds = Math.max(0, duration.getSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m";
        }
        if (seconds < 86_400) {
            return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
        }
        return String.format(Locale.ROOT, "%dd%02dh", seconds / 86_400, seconds % 86_400 / 3600);
    }

    /** A size as people say it: {@code 812B}, {@code 4.1K}, {@code 12.0M}. */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + "B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1fK", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1fM", bytes / (1024.0 * 1024));
    }
}
