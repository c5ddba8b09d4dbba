package org.godshell.toaster.acme;

/**
 * How the CA is shown that a name points here (RFC 8555 §8): HTTP-01 on port 80 (RFC 8555 §8.3), or TLS-ALPN-01
 * on port 443 (RFC 8737), for a host whose port 80 is closed. Written in {@code control/acme/challenge} so that
 * renewals answer the same way as the first order.
 */
public enum ChallengeType {
    HTTP_01("http-01"),
    TLS_ALPN_01("tls-alpn-01");

    private final String token;

    ChallengeType(String token) {
        this.token = token;
    }

    /** Exactly {@code http-01} or {@code tls-alpn-01}; {@link IllegalArgumentException} naming both otherwise. */
    public static ChallengeType parse(String text) {
        for (ChallengeType type : values()) {
            if (type.token.equals(text)) {
                return type;
            }
        }
        throw new IllegalArgumentException("\"" + AcmeException.printable(text) + "\" is neither http-01 nor "
                + "tls-alpn-01");
    }

    @Override
    public String toString() {
        return token;
    }
}
