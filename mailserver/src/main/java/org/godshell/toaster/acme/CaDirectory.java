package org.godshell.toaster.acme;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The CA's ACME directory (RFC 8555 §7.1.1): a URL, or one of the short names {@code letsencrypt} and {@code
 * letsencrypt-staging}. Only https: the directory tells the client where to send its account key's signatures.
 */
public record CaDirectory(URI url) {

    public static final CaDirectory LETSENCRYPT = new CaDirectory(
            URI.create("https://acme-v02.api.letsencrypt.org/directory"));
    /** Let's Encrypt's staging CA: untrusted certificates, generous limits, for trying. */
    public static final CaDirectory LETSENCRYPT_STAGING = new CaDirectory(
            URI.create("https://acme-staging-v02.api.letsencrypt.org/directory"));

    /** A short name or an https URL with a host; {@link IllegalArgumentException} saying what is accepted. */
    public static CaDirectory parse(String text) {
        String given = text.strip();
        switch (given.toLowerCase(Locale.ROOT)) {
            case "letsencrypt" -> {
                return LETSENCRYPT;
            }
            case "letsencrypt-staging" -> {
                return LETSENCRYPT_STAGING;
            }
            default -> { }
        }
        try {
            URI url = new URI(given);
            if (!"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null || url.getUserInfo() != null
                    || url.getFragment() != null) {
                throw new URISyntaxException(given, "not an https URL with a host");
            }
            return new CaDirectory(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("\"" + AcmeException.printable(given) + "\" is neither letsencrypt, "
                    + "letsencrypt-staging nor an https URL of an ACME directory such as " + LETSENCRYPT.url());
        }
    }

    @Override
    public String toString() {
        return url.toString();
    }
}
