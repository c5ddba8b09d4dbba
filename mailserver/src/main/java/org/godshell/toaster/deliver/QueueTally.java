package org.godshell.toaster.deliver;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.godshell.toaster.queue.QueueId;

/**
 * What is in the queue, kept up to date by the queue runner as messages arrive, are attempted and leave, so that
 * the metrics read it without a look at the disk: a queue of a million messages costs a scrape nothing more than
 * an empty one. Messages are keyed by id, whose order is their age ({@link QueueId}), so the oldest is the first.
 * A message committed since the runner last read it counts with no recipients until its first attempt, which
 * starts at once.
 */
public final class QueueTally {

    private final ConcurrentSkipListMap<QueueId, Integer> pending = new ConcurrentSkipListMap<>();
    private final AtomicLong recipients = new AtomicLong();

    /** The message is in the queue with {@code count} recipients still to deliver. */
    void set(QueueId id, int count) {
        Integer before = pending.put(id, count);
        recipients.addAndGet(count - (before == null ? 0 : before));
    }

    /** A committed message the runner has not read yet. */
    void arrived(QueueId id) {
        pending.putIfAbsent(id, 0);
    }

    void removed(QueueId id) {
        Integer before = pending.remove(id);
        if (before != null) {
            recipients.addAndGet(-before);
        }
    }

    public int messages() {
        return pending.size();
    }

    public long recipients() {
        return recipients.get();
    }

    /** How long the oldest message has been queued; zero when the queue is empty. */
    public Duration oldest(Instant now) {
        Map.Entry<QueueId, Integer> first = pending.firstEntry();
        if (first == null) {
            return Duration.ZERO;
        }
        Duration age = Duration.between(first.getKey().created(), now);
        return age.isNegative() ? Duration.ZERO : age;
    }
}
