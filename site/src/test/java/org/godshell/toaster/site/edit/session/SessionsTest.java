package org.godshell.toaster.site.edit.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionsTest {

    private static final class Ticking extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final Ticking clock = new Ticking();
    private final Sessions sessions = new Sessions(clock, Duration.ofMinutes(30), Duration.ofHours(2), 3);

    @Test
    void idsAndTokensAreDistinct256BitValues() {
        Set<String> seen = new HashSet<>();
        Sessions many = new Sessions(clock);
        for (int i = 0; i < 200; i++) {
            Session session = many.open("ed");
            assertEquals(43, session.id().length());
            assertTrue(session.id().matches("[A-Za-z0-9_-]+"));
            assertNotEquals(session.id(), session.csrf());
            assertTrue(seen.add(session.id()) && seen.add(session.csrf()));
        }
    }

    @Test
    void aSessionEndsAfterItsIdleTime() {
        Session session = sessions.open("ed");
        clock.now = clock.now.plus(Duration.ofMinutes(29));
        assertTrue(sessions.find(session.id()).isPresent(), "use restarts the idle time");
        clock.now = clock.now.plus(Duration.ofMinutes(29));
        assertTrue(sessions.find(session.id()).isPresent());
        clock.now = clock.now.plus(Duration.ofMinutes(30));
        assertTrue(sessions.find(session.id()).isEmpty());
        assertEquals(0, sessions.size());
    }

    @Test
    void aSessionEndsAtItsAbsoluteExpiryHoweverUsed() {
        Session session = sessions.open("ed");
        for (int i = 0; i < 4; i++) {
            clock.now = clock.now.plus(Duration.ofMinutes(25));
            assertTrue(sessions.find(session.id()).isPresent());
        }
        clock.now = clock.now.plus(Duration.ofMinutes(25));
        assertTrue(sessions.find(session.id()).isEmpty(), "125 minutes after login, over the 2 hours");
    }

    @Test
    void theCapDropsExpiredThenTheLeastRecentlyUsed() {
        Session a = sessions.open("a");
        Session b = sessions.open("b");
        Session c = sessions.open("c");
        sessions.find(a.id());
        Session d = sessions.open("d");
        assertEquals(3, sessions.size());
        assertTrue(sessions.find(b.id()).isEmpty(), "b was used least recently");
        assertTrue(sessions.find(a.id()).isPresent() && sessions.find(c.id()).isPresent()
                && sessions.find(d.id()).isPresent());
    }

    @Test
    void logoutAndUnknownIds() {
        Session session = sessions.open("ed");
        sessions.close(session.id());
        assertTrue(sessions.find(session.id()).isEmpty());
        assertTrue(sessions.find(null).isEmpty());
        assertTrue(sessions.find("").isEmpty());
        assertTrue(sessions.find("x".repeat(10_000)).isEmpty());
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Sessions(clock, Duration.ZERO, Duration.ofHours(1), 1));
        assertThrows(IllegalArgumentException.class, () -> new Sessions(clock, Duration.ofHours(2),
                Duration.ofHours(1), 1));
        assertThrows(IllegalArgumentException.class, () -> new Sessions(clock, Duration.ofHours(1),
                Duration.ofHours(1), 0));
    }

    @Test
    void theSessionsStringNamesNoSecret() {
        Session session = sessions.open("ed");
        assertTrue(!session.toString().contains(session.id()) && !session.toString().contains(session.csrf()));
    }
}
