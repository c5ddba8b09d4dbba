package org.godshell.toaster.deliver;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.godshell.toaster.queue.QueueId;

/**
 * The messages waiting for their next attempt, earliest first. Each message is in the list at most once, at
 * the earliest time it was asked for; stale heap entries are skipped on the way out. A {@code ReentrantLock},
 * not {@code synchronized}, so virtual threads do not pin their carrier while waiting.
 */
final class DueList {

    private record Entry(Instant at, QueueId id) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry other) {
            int byTime = at.compareTo(other.at);
            return byTime != 0 ? byTime : id.compareTo(other.id);
        }
    }

    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Entry> heap = new PriorityQueue<>();
    private final Map<QueueId, Instant> current = new HashMap<>();

    DueList(Clock clock) {
        this.clock = clock;
    }

    /** Asks for an attempt of {@code id} at {@code at}, or earlier if it is already due earlier. */
    void add(QueueId id, Instant at) {
        lock.lock();
        try {
            Instant existing = current.get(id);
            if (existing == null || at.isBefore(existing)) {
                current.put(id, at);
                heap.add(new Entry(at, id));
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Makes every waiting message due now ({@code toaster queue flush}). */
    void allNow() {
        lock.lock();
        try {
            Instant now = clock.instant();
            for (QueueId id : current.keySet()) {
                current.put(id, now);
                heap.add(new Entry(now, id));
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Drops {@code id} (the message left the queue). */
    void forget(QueueId id) {
        lock.lock();
        try {
            current.remove(id);
        } finally {
            lock.unlock();
        }
    }

    /** The next message whose time has come, waiting at most {@code wait}; null if none came due. */
    QueueId take(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        lock.lock();
        try {
            while (true) {
                Entry head = heap.peek();
                while (head != null && !head.at().equals(current.get(head.id()))) {
                    heap.poll();
                    head = heap.peek();
                }
                long left = deadline - System.nanoTime();
                if (head != null) {
                    long untilDue = Duration.between(clock.instant(), head.at()).toNanos();
                    if (untilDue <= 0) {
                        heap.poll();
                        current.remove(head.id());
                        return head.id();
                    }
                    left = Math.min(left, untilDue);
                }
                if (left <= 0) {
                    return null;
                }
                changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /** How many messages wait; for logs and tests. */
    int size() {
        lock.lock();
        try {
            return current.size();
        } finally {
            lock.unlock();
        }
    }
}
