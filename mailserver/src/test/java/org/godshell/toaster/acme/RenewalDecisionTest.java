package org.godshell.toaster.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Due at 30 days or fewer, or inside the ARI window; the back-off holds a due renewal; force skips both. */
class RenewalDecisionTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private static RenewalDecision.Verdict decide(Duration left, Optional<RenewalDecision.Window> ari,
            RenewalState state) {
        return RenewalDecision.decide(NOW.plus(left), NOW, ari, state, false);
    }

    @Test
    void thirtyDaysOrFewerIsDue() {
        assertInstanceOf(RenewalDecision.Renew.class, decide(Duration.ofDays(30), Optional.empty(),
                RenewalState.NONE));
        assertInstanceOf(RenewalDecision.Renew.class, decide(Duration.ofDays(-3), Optional.empty(),
                RenewalState.NONE));
        RenewalDecision.Wait wait = assertInstanceOf(RenewalDecision.Wait.class, decide(Duration.ofDays(31),
                Optional.empty(), RenewalState.NONE));
        assertEquals(NOW.plus(Duration.ofDays(1)), wait.until());
    }

    @Test
    void theCasWindowBringsRenewalForward() {
        RenewalDecision.Window open = new RenewalDecision.Window(NOW.minusSeconds(60), NOW.plusSeconds(3600));
        assertInstanceOf(RenewalDecision.Renew.class, decide(Duration.ofDays(60), Optional.of(open),
                RenewalState.NONE));
        RenewalDecision.Window later = new RenewalDecision.Window(NOW.plus(Duration.ofDays(2)),
                NOW.plus(Duration.ofDays(3)));
        RenewalDecision.Wait wait = assertInstanceOf(RenewalDecision.Wait.class, decide(Duration.ofDays(60),
                Optional.of(later), RenewalState.NONE));
        assertEquals(later.start(), wait.until());
    }

    @Test
    void theBackoffHoldsADueRenewalButNotAForcedOne() {
        RenewalState failed = RenewalState.NONE.failed(NOW, NOW.plusSeconds(3600), "down");
        RenewalDecision.Wait wait = assertInstanceOf(RenewalDecision.Wait.class, decide(Duration.ofDays(10),
                Optional.empty(), failed));
        assertEquals(NOW.plusSeconds(3600), wait.until());
        assertInstanceOf(RenewalDecision.Renew.class, RenewalDecision.decide(NOW.plus(Duration.ofDays(80)), NOW,
                Optional.empty(), failed, true));
        RenewalState over = RenewalState.NONE.failed(NOW, NOW.minusSeconds(1), "down");
        assertInstanceOf(RenewalDecision.Renew.class, decide(Duration.ofDays(10), Optional.empty(), over));
    }
}
