package org.godshell.toaster.dkim;

import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;

/**
 * A private key and the selector its public half is published under ({@code SELECTOR._domainkey.DOMAIN}).
 * RSA keys must have 1024 to 4096 bits: RFC 8301 §3.2 forbids smaller ones; the toaster makes 2048-bit keys,
 * and accepts 1024 only so that published examples (RFC 8463) can be reproduced.
 */
public record SigningKey(String selector, PrivateKey key) {

    public SigningKey {
        try {
            Names.selector(selector);
        } catch (DkimError e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        Algorithm.forKey(key);
        if (key instanceof RSAPrivateKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < KeyRecord.MIN_RSA_BITS || bits > KeyRecord.MAX_RSA_BITS) {
                throw new IllegalArgumentException("an RSA key of " + bits + " bits; DKIM signs with "
                        + KeyRecord.MIN_RSA_BITS + " to " + KeyRecord.MAX_RSA_BITS + " (2048 recommended)");
            }
        }
    }

    public Algorithm algorithm() {
        return Algorithm.forKey(key);
    }
}
