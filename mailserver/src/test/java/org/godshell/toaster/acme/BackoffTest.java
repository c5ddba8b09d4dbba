package org.godshell.toaster.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** An hour, doubling, never more than a day; the CA's Retry-After is a floor. */
class BackoffTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @ParameterizedTest
    @CsvSource({"1, 1", "2, 2", "3, 4", "4, 8", "5, 16", "6, 24", "7, 24", "100, 24", "100000, 24"})
    void doublesFromAnHourUpToADay(int failures, int hours) {
        assertEquals(NOW.plus(Duration.ofHours(hours)), Backoff.next(failures, NOW, Optional.empty()));
    }

    @Test
    void retryAfterLaterThanOurWaitWins() {
        Instant later = NOW.plus(Duration.ofHours(5));
        assertEquals(later, Backoff.next(1, NOW, Optional.of(later)));
        assertEquals(NOW.plus(Duration.ofHours(1)), Backoff.next(1, NOW, Optional.of(NOW.plusSeconds(60))));
    }
}
