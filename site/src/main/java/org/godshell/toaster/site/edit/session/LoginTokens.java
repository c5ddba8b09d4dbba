package org.godshell.toaster.site.edit.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The login form's CSRF token, before there is a session: the form page sets a random nonce in a cookie and puts
 * HMAC-SHA-256(server key, nonce) in the form; a POST must bring both. A page of another origin can neither read
 * the cookie nor compute the MAC, so it cannot log a victim in to the attacker's account (login CSRF), and the
 * server keeps nothing per visitor. The key is drawn at start and lives in memory only.
 */
public final class LoginTokens {

    private final SecretKeySpec key;

    public LoginTokens() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    /** The token that goes with a nonce. */
    public String token(String nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(nonce.getBytes(
                    StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Whether the form's token goes with the cookie's nonce; a missing one never does. */
    public boolean matches(String nonce, String token) {
        return nonce != null && token != null && !nonce.isEmpty() && Secrets.same(token(nonce), token);
    }
}
