package org.godshell.toaster.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class BearerTokenTest {

    private static final String SECRET = "c2VjcmV0LXRva2VuLWZvci10ZXN0cw==";

    @Test
    void admitsTheTokenWithAnyCaseOfTheScheme() {
        BearerToken token = BearerToken.of(SECRET);
        assertTrue(token.admits("Bearer " + SECRET));
        assertTrue(token.admits("bearer " + SECRET));
        assertTrue(token.admits("BEARER  " + SECRET + " "));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "Bearer", "Bearer ", "Basic " + SECRET, SECRET, "Bearer " + SECRET + "x",
            "Bearer c2VjcmV0LXRva2VuLWZvci10ZXN0cw=", "Bearer C2VjcmV0LXRva2VuLWZvci10ZXN0cw==",
            "Bearer\t" + SECRET, "Bearer " + SECRET + SECRET, "Bearer \u00e9\u0000\r\n"})
    void refusesEverythingElse(String header) {
        assertFalse(BearerToken.of(SECRET).admits(header));
    }

    @Test
    void aPrefixOfTheTokenIsNotTheToken() {
        BearerToken token = BearerToken.of(SECRET);
        for (int length = 0; length < SECRET.length(); length++) {
            assertFalse(token.admits("Bearer " + SECRET.substring(0, length)), "prefix of length " + length);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "short", "fifteen-chars-x", "has a space in it!!", "quote\"inside-the-token",
            "line\nbreak-inside-token", "unicode-\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9"})
    void refusesMalformedTokens(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BearerToken.of(text));
        assertTrue(e.getMessage().contains("openssl rand -base64 32"), e.getMessage());
    }

    @Test
    void refusesAnOversizedToken() {
        assertThrows(IllegalArgumentException.class, () -> BearerToken.of("a".repeat(BearerToken.MAX_LENGTH + 1)));
        assertTrue(BearerToken.of("a".repeat(BearerToken.MAX_LENGTH)).admits("Bearer " + "a".repeat(4096)));
    }

    @Test
    void neverShowsTheSecret() {
        assertFalse(BearerToken.of(SECRET).toString().contains(SECRET));
        assertEquals(BearerToken.of(SECRET), BearerToken.of(SECRET));
    }
}
