package org.godshell.toaster.site.edit.session;

import java.util.Locale;
import java.util.Optional;

/**
 * The cross-origin check of a state-changing request, before its CSRF token is: a browser sends
 * {@code Sec-Fetch-Site} (Fetch Metadata) and, on a POST, {@code Origin} (RFC 6454 §7); either naming another
 * origin refuses the request. The wiki's pages say {@code Referrer-Policy: no-referrer}, under which a browser
 * sends {@code Origin: null} even for its own form posts (Fetch §3.2.5, "serializing a request origin"); so
 * "null" is taken only beside {@code Sec-Fetch-Site: same-origin}, which the browser computes from the real
 * initiator and no page can set. A client sending neither header (an old browser, a script) still needs the token.
 */
public final class SameOrigin {

    private SameOrigin() {
    }

    /**
     * Why the request is refused, or empty. {@code ownOrigin} is this server's origin as the request reached it
     * ("https://wiki.example.org", with ":port" when not the default).
     */
    public static Optional<String> refusal(String origin, String fetchSite, String ownOrigin) {
        if (fetchSite != null && !fetchSite.equalsIgnoreCase("same-origin")) {
            return Optional.of("the request came from another site (Sec-Fetch-Site: " + printable(fetchSite) + ")");
        }
        boolean nullBesideFetchMetadata = "null".equals(origin) && fetchSite != null;
        if (origin != null && !nullBesideFetchMetadata
                && !origin.toLowerCase(Locale.ROOT).equals(ownOrigin.toLowerCase(Locale.ROOT))) {
            return Optional.of("the request came from another origin (" + printable(origin) + ")");
        }
        return Optional.empty();
    }

    /** Scheme and authority of the request as the browser addressed it (the Host header). */
    public static String own(boolean secure, String authority) {
        return (secure ? "https://" : "http://") + authority;
    }

    private static String printable(String text) {
        String cut = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
