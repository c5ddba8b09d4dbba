package org.godshell.toaster.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.godshell.toaster.io.Handover;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The two names and nothing else, and a control/acme/challenge that does not read stops a renewal, saying where. */
class ChallengeTypeTest {

    @TempDir
    Path dir;

    @Test
    void theTwoNamesReadAndWriteBack() {
        assertEquals(ChallengeType.HTTP_01, ChallengeType.parse("http-01"));
        assertEquals(ChallengeType.TLS_ALPN_01, ChallengeType.parse("tls-alpn-01"));
        assertEquals("tls-alpn-01", ChallengeType.TLS_ALPN_01.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "HTTP-01", "Tls-Alpn-01", "http-01 ", " tls-alpn-01", "http01", "dns-01",
            "tls-alpn-01\n", "tls-alpn-01\u0000", "HTTP_01", "tls-alpn-01,http-01"})
    void anythingElseIsRefusedNamingBoth(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChallengeType.parse(text));
        assertTrue(e.getMessage().contains("neither http-01 nor tls-alpn-01"), e.getMessage());
        assertTrue(e.getMessage().chars().noneMatch(Character::isISOControl), e.getMessage());
    }

    @Test
    void anOversizedChallengeNameIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ChallengeType.parse("tls-alpn-01".repeat(10_000)));
    }

    @Test
    void aBadSettingFileFailsTheRenewalWithItsName() throws Exception {
        Path control = Files.createDirectories(dir.resolve("control"));
        Acme acme = new Acme(control, Handover.KEEP, Clock.systemUTC());
        Files.createDirectories(acme.files().dir());
        Files.writeString(acme.files().email(), "admin@example.test\n");
        Files.writeString(acme.files().challengeType(), "dns-01\n");
        Outcome outcome = acme.renew(true, false);
        Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, outcome);
        assertTrue(failed.line().contains(acme.files().challengeType() + ":1: \"dns-01\" is neither"),
                failed.line());
    }
}
