package org.godshell.toaster.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class QueueIdTest {

    @Test
    void idsAreShortFileNameSafeAndIncreasing() {
        List<QueueId> ids = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(QueueId.next());
        }
        for (int i = 1; i < ids.size(); i++) {
            assertTrue(ids.get(i - 1).compareTo(ids.get(i)) < 0, ids.get(i - 1) + " !< " + ids.get(i));
        }
        assertTrue(ids.getFirst().value().matches("[0-9a-z]{16}"), ids.getFirst().value());
    }

    @Test
    void idsFromManyThreadsAreDistinct() throws InterruptedException {
        Set<QueueId> seen = ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 10_000; i++) {
                    seen.add(QueueId.next());
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(80_000, seen.size());
    }

    @Test
    void createdIsTheTimeOfCreation() {
        Instant before = Instant.now().minusMillis(1);
        Instant created = QueueId.next().created();
        assertTrue(!created.isBefore(before) && Duration.between(before, created).toSeconds() < 60,
                before + " vs " + created);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "../../etc/passwd", "0123456789abcdeF", "0123456789abcdei", "0123456789abcdef0",
        "0123456789abcde", "0123456789abcd/e"})
    void refusesAnythingButAnId(String value) {
        assertThrows(IllegalArgumentException.class, () -> new QueueId(value));
    }

    @Test
    void refusesNull() {
        assertThrows(IllegalArgumentException.class, () -> new QueueId(null));
    }

    @Test
    void roundTripsThroughItsValue() {
        QueueId id = QueueId.next();
        assertEquals(id, new QueueId(id.toString()));
        assertEquals(id.created(), new QueueId(id.value()).created());
    }
}
