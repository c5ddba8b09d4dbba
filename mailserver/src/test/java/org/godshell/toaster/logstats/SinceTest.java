package org.godshell.toaster.logstats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** --since: spans and instants, what is refused, and where the boundary falls. */
class SinceTest {

    private static final Instant NOW = Instant.parse("2026-12-07T06:00:00Z");

    @ParameterizedTest
    @CsvSource({"1d, 2026-12-06T06:00:00Z", "12h, 2026-12-06T18:00:00Z", "30m, 2026-12-07T05:30:00Z",
        "3650d, 2016-12-09T06:00:00Z", "2026-12-06T00:00:00Z, 2026-12-06T00:00:00Z",
        "2026-12-06T01:00:00+01:00, 2026-12-06T00:00:00Z", "2026-12-06T00:00:00.5Z, 2026-12-06T00:00:00.500Z"})
    void accepted(String value, String instant) {
        assertEquals(Instant.parse(instant), Since.parse(value, NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0d", "3651d", "1w", "-1d", "1 d", "d", "99999999d", "2026-12-06", "yesterday",
        "2026-12-06T00:00:00", "1d\n", "\u0000"})
    void refused(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Since.parse(value, NOW));
        assertTrue(e.getMessage().startsWith("--since"), e.getMessage());
        assertTrue(e.getMessage().chars().noneMatch(c -> c < 0x20), e.getMessage());
    }

    @Test
    void anEventAtTheInstantCountsOneJustBeforeDoesNot() {
        Instant since = Since.parse("1d", NOW);
        Tally tally = new Tally(since, ZoneOffset.UTC);
        Lines at = new Lines(since);
        at.tx("a.1", "192.0.2.1", "h", "a@x.test", List.of("b@example.org"), "250", "");
        Lines before = new Lines(since.minusNanos(1_000_000));
        before.tx("a.2", "192.0.2.1", "h", "a@x.test", List.of("b@example.org"), "250", "");
        TextLineReader reader = new TextLineReader();
        at.list().forEach(tally.sink(reader)::line);
        before.list().forEach(tally.sink(reader)::line);
        assertEquals(1, tally.received);
        assertEquals(1, tally.older);
        assertEquals(since, tally.first);
    }
}
