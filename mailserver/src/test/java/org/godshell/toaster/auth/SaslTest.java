package org.godshell.toaster.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PLAIN and LOGIN decoding (RFC 4616, RFC 4954 §4) and the guessing throttle. */
class SaslTest {

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "\\0bob@x.test\\0secret          | bob@x.test | secret | -",
        "bob@x.test\\0bob@x.test\\0secret | bob@x.test | secret | -",
        "\\0bob@x.test\\0pässwörd         | bob@x.test | pässwörd | -",
        "\\0bob@x.test\\0                | bob@x.test |        | -",
        "admin\\0bob@x.test\\0secret      | -          | -      | AUTHZID_MISMATCH",
        "\\0\\0secret                    | -          | -      | MALFORMED",
        "bob secret                      | -          | -      | MALFORMED",
        "\\0bob\\0pw\\0extra              | -          | -      | MALFORMED",
    })
    void plain(String raw, String user, String password, String problem) {
        Sasl.Decoded decoded = Sasl.plain(b64(raw.replace("\\0", "\0")));
        assertEquals(Optional.ofNullable(problem).map(Sasl.Problem::valueOf), decoded.problem());
        assertEquals(Optional.ofNullable(user), decoded.credentials().map(Sasl.Credentials::user));
        assertEquals(Optional.ofNullable(password == null && user != null ? "" : password),
                decoded.credentials().map(c -> new String(c.password())));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "*            | CANCELLED",
        "not base64!  | BAD_BASE64",
        "abc          | BAD_BASE64",
        "YWJj=        | BAD_BASE64",
        "''           | BAD_BASE64",
        "//79         | MALFORMED",
    })
    void plainRefusesWhatIsNotBase64OfThreeFields(String response, Sasl.Problem problem) {
        assertEquals(Optional.of(problem), Sasl.plain(response).problem());
    }

    @Test
    void loginTakesTheUserThenThePassword() {
        assertEquals("bob@x.test", Sasl.loginUser(b64("bob@x.test")).credentials().orElseThrow().user());
        assertEquals("s3cret", new String(Sasl.loginPassword("bob@x.test", b64("s3cret")).credentials().orElseThrow()
                .password()));
        assertEquals(Optional.of(Sasl.Problem.CANCELLED), Sasl.loginUser("*").problem());
        assertEquals(Optional.of(Sasl.Problem.MALFORMED), Sasl.loginUser(b64("a\0b")).problem());
        assertEquals(Optional.of(Sasl.Problem.BAD_BASE64), Sasl.loginPassword("bob", "%%%%").problem());
        assertEquals("", new String(Sasl.loginPassword("bob", "=").credentials().orElseThrow().password()));
    }

    @Test
    void theThrottleSlowsThenBlocksThenForgets() throws Exception {
        InetAddress client = InetAddress.getByName("192.0.2.7");
        Instant[] now = {Instant.parse("2026-11-26T12:00:00Z")};
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
                return now[0];
            }
        };
        AuthThrottle throttle = new AuthThrottle(clock);
        for (int i = 1; i <= AuthThrottle.SLOW_AFTER; i++) {
            assertEquals(Duration.ZERO, throttle.failed(client), "failure " + i);
        }
        assertEquals(Duration.ofSeconds(1), throttle.failed(client));
        assertEquals(Duration.ofSeconds(2), throttle.failed(client));
        for (int i = AuthThrottle.SLOW_AFTER + 3; i < AuthThrottle.BLOCK_AFTER; i++) {
            throttle.failed(client);
        }
        assertEquals(false, throttle.blocked(client));
        assertEquals(AuthThrottle.MAX_DELAY, throttle.failed(client));
        assertEquals(true, throttle.blocked(client));
        now[0] = now[0].plus(AuthThrottle.COOLING).plusSeconds(1);
        assertEquals(false, throttle.blocked(client), "cooled down");
        throttle.expire();
        assertEquals(Duration.ZERO, throttle.failed(client), "a fresh start after the window");
        throttle.succeeded(client);
        assertEquals(false, throttle.blocked(InetAddress.getByName("192.0.2.8")), "other addresses are not affected");
    }
}
