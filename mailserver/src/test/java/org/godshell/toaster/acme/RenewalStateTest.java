package org.godshell.toaster.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The state file round-trips, and refuses everything it did not write, naming the file and line. */
class RenewalStateTest {

    private static final Path FILE = Path.of("control/acme/state");
    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void whatIsWrittenReadsBack() throws Exception {
        RenewalState state = RenewalState.NONE.succeeded(T).failed(T.plusSeconds(60), T.plusSeconds(3660),
                "the CA https://ca.test/dir refused: malformed");
        assertEquals(state, RenewalState.parse(FILE, state.format()));
        assertEquals(RenewalState.NONE, RenewalState.parse(FILE, RenewalState.NONE.format()));
        assertEquals(RenewalState.NONE, RenewalState.parse(FILE, ""));
    }

    @Test
    void successClearsFailuresAndTheBackoff() {
        RenewalState failed = RenewalState.NONE.failed(T, T.plusSeconds(3600), "down").failed(T, T, "down");
        assertEquals(2, failed.failures());
        RenewalState good = failed.succeeded(T);
        assertEquals(0, good.failures());
        assertEquals(Optional.empty(), good.nextTry());
        assertEquals(Optional.empty(), good.lastError());
    }

    @Test
    void errorsFromTheCaAreFlattenedToOneLine() throws Exception {
        RenewalState state = RenewalState.NONE.failed(T, T, "line one\nlast-attempt 1999-01-01T00:00:00Z\r\u0000x");
        RenewalState back = RenewalState.parse(FILE, state.format());
        assertEquals(Optional.of(T), back.lastAttempt());
        assertTrue(back.lastError().orElseThrow().startsWith("line one last-attempt"), back.lastError().get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"failures 1\nfailures 2\n", "failures -1\n", "failures 99999999\n", "failures x\n",
            "failures\n", "next-try yesterday\n", "next-try 2026-13-01T00:00:00Z\n", "unknown 1\n",
            "last-error \n", "last-attempt 2026-12-01T10:00:00Z\u0000\n", " failures 1\n", "FAILURES 1\n",
            "failures 1\n\nfailures 2\n", "failures 1\r\n"})
    void malformedFilesAreRefusedWithTheirName(String text) {
        AcmeException e = assertThrows(AcmeException.class, () -> RenewalState.parse(FILE, text));
        assertTrue(e.getMessage().contains(FILE.toString()), e.getMessage());
        assertEquals(AcmeException.Kind.LOCAL, e.kind());
    }

    @Test
    void oversizedFilesAndErrorsAreRefused() {
        assertThrows(AcmeException.class, () -> RenewalState.parse(FILE, "# x\n".repeat(2000)));
        assertThrows(AcmeException.class, () -> RenewalState.parse(FILE, "last-error " + "e".repeat(1001) + "\n"));
    }
}
