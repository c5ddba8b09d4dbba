package org.godshell.toaster.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.godshell.toaster.dns.FixtureDns;
import org.godshell.toaster.io.Handover;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CA that answers a new order with rateLimited (RFC 8555 §6.7) and a Retry-After: the error says so, and the
 * next try is no earlier than the CA asked, even when our own back-off would be shorter.
 */
class AcmeRateLimitTest {

    @TempDir
    Path dir;

    @Test
    void rateLimitedSaysSoAndWaitsAtLeastAsLongAsTheCaAsked() throws Exception {
        PebbleCa.require();
        Path control = Files.createDirectories(dir.resolve("control"));
        Acme acme = new Acme(control, Handover.KEEP, Clock.systemUTC());
        long retryAfter = Duration.ofHours(6).toSeconds();
        try (FixtureDns dns = new FixtureDns().a("mail.example.test.", "127.0.0.1");
                ChallengeServer http = new ChallengeServer(acme.files().challenges());
                PebbleCa pebble = PebbleCa.start(Files.createDirectories(dir.resolve("pebble")), http.port(),
                        "127.0.0.1:" + dns.address().getPort(), Duration.ofDays(20));
                RateLimitingProxy proxy = new RateLimitingProxy(pebble, retryAfter)) {
            // Retry-After counts whole seconds, and acme4j turns it into an instant of whole seconds.
            Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            AcmeException e = assertThrows(AcmeException.class, () -> acme.orderNow(new Acme.Setup(
                    "admin@example.test", new CaDirectory(proxy.directory()), Optional.of(pebble.anchor())),
                    java.util.List.of("mail.example.test"), false));
            assertEquals(AcmeException.Kind.RATE_LIMITED, e.kind(), e.getMessage());
            assertTrue(e.getMessage().contains("rateLimited") && e.getMessage().contains("too many new orders"),
                    e.getMessage());
            assertTrue(e.retryAfter().isPresent());
            RenewalState state = acme.status().state();
            assertEquals(1, state.failures());
            assertFalse(state.nextTry().orElseThrow().isBefore(before.plusSeconds(retryAfter)),
                    state.nextTry().toString());
            assertFalse(Files.exists(acme.files().certificate()));
        }
    }
}
