package org.godshell.toaster.site.edit.session;

import java.util.Optional;

/**
 * The editor's two cookies (RFC 6265): the session and the login form's nonce. Over HTTPS they are named with
 * the {@code __Host-} prefix (RFC 6265bis §4.1.3.2: the browser then takes them only when Secure, host-only and
 * with Path=/) and marked {@code Secure}; always {@code HttpOnly} (no script reads them) and
 * {@code SameSite=Strict} (no other site's page sends them).
 */
public final class Cookies {

    public static final String SESSION = "wiki-session";
    public static final String LOGIN = "wiki-login";

    private Cookies() {
    }

    public static String name(String base, boolean secure) {
        return secure ? "__Host-" + base : base;
    }

    /** A Set-Cookie value; {@code maxAgeSeconds} 0 deletes the cookie. */
    public static String set(String base, boolean secure, String value, long maxAgeSeconds) {
        return name(base, secure) + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }

    /**
     * The value of the cookie {@code name} in a Cookie header (RFC 6265 §4.2.1: pairs separated by "; "); empty
     * when absent or when the header names it twice (a cookie planted for a sibling path could shadow ours).
     */
    public static Optional<String> get(String header, String name) {
        if (header == null) {
            return Optional.empty();
        }
        Optional<String> found = Optional.empty();
        for (String pair : header.split(";")) {
            int equals = pair.indexOf('=');
            if (equals < 0 || !pair.substring(0, equals).strip().equals(name)) {
                continue;
            }
            if (found.isPresent()) {
                return Optional.empty();
            }
            found = Optional.of(pair.substring(equals + 1).strip());
        }
        return found;
    }
}
