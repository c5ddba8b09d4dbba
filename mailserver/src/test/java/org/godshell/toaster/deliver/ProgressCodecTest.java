package org.godshell.toaster.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ProgressCodecTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final List<String> ADDRESSES = List.of("a@example.org", "b@example.net", "c@example.com");

    @Test
    void roundTripsEveryStatusAndHostileDiagnoses() {
        Diagnosis hostile = Diagnosis.remote("4.4.1", "text with % and \u00e9 and \ud83d\ude00",
                "mx.example.net", "451 4.4.1 100% gone");
        Progress progress = Progress.fresh(ADDRESSES, T0).after(Map.of(
                0, new Outcome.Delivered("ok"),
                1, new Outcome.Deferred(hostile),
                2, new Outcome.Failed(Diagnosis.local("5.1.1", "no mailbox"))), T0.plusSeconds(300)).warned();
        byte[] bytes = ProgressCodec.encode(progress);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(text.contains("100%25 gone") && !text.contains("100% "), text);
        assertEquals(progress, ProgressCodec.decode(bytes, ADDRESSES));
    }

    @Test
    void diagnosesRefuseLineBreaksSoTheyCannotForgeStateLines() {
        assertThrows(IllegalArgumentException.class, () -> Diagnosis.local("4.4.1", "a\nD0"));
        assertThrows(IllegalArgumentException.class, () -> Diagnosis.remote("4.4.1", "a", "mx\t", "x"));
        assertThrows(IllegalArgumentException.class, () -> Diagnosis.local("2.0.0", "not a failure"));
    }

    @Test
    void freshStateRoundTrips() {
        Progress fresh = Progress.fresh(ADDRESSES, T0);
        assertEquals(fresh, ProgressCodec.decode(ProgressCodec.encode(fresh), ADDRESSES));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "V2\nA0\nN2026-11-26T10:00:00Z\nP0\nP1\nP2\n", "V1\nA0\nN2026-11-26T10:00:00Z\nP0\nP1\nP2",
        "V1\nA0\nN2026-11-26T10:00:00Z\nP0\nP1\n", "V1\nA0\nN2026-11-26T10:00:00Z\nP0\nP1\nP2\nP3\n",
        "V1\nA0\nN2026-11-26T10:00:00Z\nP0\nP2\nP1\n", "V1\nA-1\nN2026-11-26T10:00:00Z\nP0\nP1\nP2\n",
        "V1\nA99999999999\nN2026-11-26T10:00:00Z\nP0\nP1\nP2\n", "V1\nA0\nNyesterday\nP0\nP1\nP2\n",
        "V1\nN2026-11-26T10:00:00Z\nP0\nP1\nP2\n", "V1\nA0\nN2026-11-26T10:00:00Z\nP0\nP1\nX2\n",
        "V1\nA0\nN2026-11-26T10:00:00Z\nP0\nP1 4.4.1\tonly two\nP2\n",
        "V1\nA0\nN2026-11-26T10:00:00Z\nP0\nP1 9.9.9\ta\tb\tc\nP2\n",
        "V1\nA0\nN2026-11-26T10:00:00Z\nP0\nP1 4.4.1\tbad %G1\tb\tc\nP2\n",
        "V1\nA0\n\nN2026-11-26T10:00:00Z\nP0\nP1\nP2\n", "V1\nA0\nN2026-11-26T10:00:00Z\nP\nP1\nP2\n",
        "\u0000\u0001binary"})
    void refusesMalformedStates(String text) {
        assertThrows(IllegalArgumentException.class,
                () -> ProgressCodec.decode(text.getBytes(StandardCharsets.UTF_8), ADDRESSES));
    }

    @Test
    void expiryFailsOnlyThePendingWithTheirLastReason() {
        Progress progress = Progress.fresh(ADDRESSES, T0).after(Map.of(
                0, new Outcome.Delivered("ok"),
                1, new Outcome.Deferred(Diagnosis.remote("4.2.2", "mailbox full", "mx", "452 4.2.2 full"))),
                T0).expired();
        assertEquals(Progress.Status.DELIVERED, progress.recipients().get(0).status());
        assertEquals(Progress.Status.FAILED, progress.recipients().get(1).status());
        assertEquals("4.2.2", progress.recipients().get(1).last().orElseThrow().status());
        assertEquals("4.4.7", progress.recipients().get(2).last().orElseThrow().status());
        assertTrue(progress.done());
    }
}
