package org.godshell.toaster.site.edit.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The decisions behind every POST: origin, transport, cookies, token comparison. */
class RequestChecksTest {

    private static final String OWN = "https://wiki.example.org";

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
        "NULL, NULL, true",
        "https://wiki.example.org, same-origin, true",
        "HTTPS://WIKI.example.org, NULL, true",
        "NULL, same-origin, true",
        "https://evil.example, NULL, false",
        "null, NULL, false",
        "null, same-origin, true",
        "null, cross-site, false",
        "http://wiki.example.org, NULL, false",
        "https://wiki.example.org:444, NULL, false",
        "https://wiki.example.org.evil.example, NULL, false",
        "NULL, cross-site, false",
        "NULL, same-site, false",
        "NULL, none, false",
        "https://wiki.example.org, cross-site, false"})
    void onlyThisOriginMayPost(String origin, String fetchSite, boolean allowed) {
        assertEquals(allowed, SameOrigin.refusal(origin, fetchSite, OWN).isEmpty());
    }

    @Test
    void theOwnOriginIsTheAddressTheBrowserUsed() {
        assertEquals("https://wiki.example.org", SameOrigin.own(true, "wiki.example.org"));
        assertEquals("http://127.0.0.1:8080", SameOrigin.own(false, "127.0.0.1:8080"));
    }

    @Test
    void aPasswordTravelsOnlyOverHttpsOrFromLoopback() throws Exception {
        Optional<InetAddress> remote = Optional.of(InetAddress.getByName("192.0.2.7"));
        assertFalse(Transport.passwordMayTravel(false, remote));
        assertFalse(Transport.passwordMayTravel(false, Optional.of(InetAddress.getByName("2001:db8::1"))));
        assertFalse(Transport.passwordMayTravel(false, Optional.empty()));
        assertTrue(Transport.passwordMayTravel(true, remote));
        assertTrue(Transport.passwordMayTravel(false, Optional.of(InetAddress.getByName("127.0.0.1"))));
        assertTrue(Transport.passwordMayTravel(false, Optional.of(InetAddress.getByName("::1"))));
    }

    @Test
    void cookiesAreReadStrictlyAndSetHardened() {
        assertEquals(Optional.of("abc"), Cookies.get("a=1; wiki-session=abc; b=2", "wiki-session"));
        assertEquals(Optional.empty(), Cookies.get("wiki-session=a; wiki-session=b", "wiki-session"),
                "a shadowing duplicate is not guessed between");
        assertEquals(Optional.empty(), Cookies.get("xwiki-session=a", "wiki-session"));
        assertEquals(Optional.empty(), Cookies.get(null, "wiki-session"));
        assertEquals(Optional.empty(), Cookies.get(";;;=", "wiki-session"));
        String secure = Cookies.set(Cookies.SESSION, true, "v", 60);
        assertTrue(secure.startsWith("__Host-wiki-session=v;") && secure.contains("; Secure")
                && secure.contains("HttpOnly") && secure.contains("SameSite=Strict") && secure.contains("Path=/"),
                secure);
        assertFalse(secure.contains("Domain"));
    }

    @Test
    void tokensCompareWholeAndLoginTokensNeedTheirNonce() {
        assertTrue(Secrets.same("abc", "abc"));
        assertFalse(Secrets.same("abc", "abd"));
        assertFalse(Secrets.same("abc", "ab"));
        assertFalse(Secrets.same("abc", null));
        assertFalse(Secrets.same(null, null));
        LoginTokens tokens = new LoginTokens();
        String nonce = Secrets.random();
        assertTrue(tokens.matches(nonce, tokens.token(nonce)));
        assertFalse(tokens.matches(Secrets.random(), tokens.token(nonce)));
        assertFalse(tokens.matches(nonce, new LoginTokens().token(nonce)), "another server's key");
        assertFalse(tokens.matches("", tokens.token("")));
        assertFalse(tokens.matches(null, "x"));
    }
}
