package org.godshell.toaster.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LoginCacheTest {

    private static final UserBackend.Login ANN = new UserBackend.Login(Address.parse("ann@example.org").orElseThrow(),
            "{SHA512-CRYPT}$6$salt$hash", OptionalLong.empty());
    private static final UserStoreException DOWN = new UserStoreException("the user database cannot be reached");

    private Instant now = Instant.parse("2026-12-07T10:00:00Z");
    private final List<String> log = new ArrayList<>();

    private LoginCache cache(Duration keep) {
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        return new LoginCache(keep, clock, log::add);
    }

    @Test
    void aRecentAnswerServesWhileTheDatabaseIsDownThenExpires() {
        LoginCache cache = cache(Duration.ofSeconds(300));
        cache.answered("ann@example.org", Optional.of(ANN));
        now = now.plusSeconds(300);
        assertEquals(Optional.of(ANN), cache.whileDown("ann@example.org", DOWN));
        assertEquals(Optional.of(ANN), cache.whileDown("ann@example.org", DOWN));
        assertEquals(1, log.size(), "said once: " + log);
        assertTrue(log.get(0).contains("up to 300 s old") && log.get(0).contains("cannot be reached"), log.get(0));
        now = now.plusSeconds(1);
        assertEquals(Optional.empty(), cache.whileDown("ann@example.org", DOWN));
        assertEquals(Optional.empty(), cache.whileDown("bob@example.org", DOWN), "never seen");
        cache.answered("bob@example.org", Optional.empty());
        assertTrue(log.get(1).contains("answers again"), log.toString());
    }

    @Test
    void aUserTheDatabaseNoLongerHasIsForgottenAtOnce() {
        LoginCache cache = cache(Duration.ofSeconds(300));
        cache.answered("ann@example.org", Optional.of(ANN));
        cache.answered("ann@example.org", Optional.empty());
        assertEquals(Optional.empty(), cache.whileDown("ann@example.org", DOWN));
    }

    @Test
    void zeroKeepsNothing() {
        LoginCache cache = cache(Duration.ZERO);
        cache.answered("ann@example.org", Optional.of(ANN));
        assertEquals(Optional.empty(), cache.whileDown("ann@example.org", DOWN));
        assertEquals(List.of(), log);
    }

    @Test
    void aFloodOfUsersDoesNotGrowItWithoutBound() {
        LoginCache cache = cache(Duration.ofSeconds(300));
        for (int i = 0; i <= LoginCache.MAX_ENTRIES; i++) {
            cache.answered("u" + i + "@example.org", Optional.of(ANN));
        }
        assertEquals(Optional.empty(), cache.whileDown("u0@example.org", DOWN), "started afresh past the bound");
        assertEquals(Optional.of(ANN), cache.whileDown("u" + LoginCache.MAX_ENTRIES + "@example.org", DOWN));
    }
}
