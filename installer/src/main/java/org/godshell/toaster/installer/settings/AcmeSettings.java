package org.godshell.toaster.installer.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code --acme EMAIL}: the certificate comes from an ACME CA (RFC 8555) once the wiki answers on port 80, by
 * {@code toaster cert acme}, which also keeps it renewed. The installer's self-signed certificate serves until
 * then, and stays if the CA cannot be reached.
 *
 * @param email     the account's contact, checked as a mailbox address
 * @param directory the CA's directory URL: Let's Encrypt unless given
 * @param caCert    extra trust anchors for the CA's own HTTPS (a private CA such as step-ca or Pebble)
 * @param challenge how the CA is shown the names are ours: {@code http-01} on port 80 (the default), or
 *                  {@code tls-alpn-01} on 443 where port 80 is closed (RFC 8737)
 */
public record AcmeSettings(String email, String directory, Optional<Path> caCert, String challenge) {

    public static final String HTTP_01 = "http-01";
    public static final String TLS_ALPN_01 = "tls-alpn-01";

    public static final String LETS_ENCRYPT = "https://acme-v02.api.letsencrypt.org/directory";
    public static final String LETS_ENCRYPT_STAGING = "https://acme-staging-v02.api.letsencrypt.org/directory";

    /** The options as typed; null where not given. */
    public record Given(String email, String directory, Path caCert, String challenge, boolean agreeTos) {}

    /** Checks what was typed; empty when no ACME option was given at all. */
    static Optional<AcmeSettings> of(Given given, boolean certificateGiven, boolean start) throws SettingsException {
        if (given == null || given.email() == null) {
            if (given != null && (given.directory() != null || given.caCert() != null || given.challenge() != null)) {
                throw new SettingsException("--acme-directory, --acme-ca and --acme-challenge go with --acme EMAIL");
            }
            return Optional.empty();
        }
        String email = Names.address("--acme", given.email());
        if (certificateGiven) {
            throw new SettingsException("--acme and --cert/--key both say where the certificate comes from: give one");
        }
        if (!given.agreeTos()) {
            throw new SettingsException("--acme needs --agree-tos: the CA issues certificates only to accounts that "
                    + "agree to its terms (Let's Encrypt's: https://letsencrypt.org/repository/)");
        }
        if (!start) {
            throw new SettingsException("--acme needs the wiki running on port 80 to answer the CA: drop --no-start, "
                    + "or run toaster cert acme after starting the toaster");
        }
        Optional<Path> ca = Optional.ofNullable(given.caCert()).map(Path::toAbsolutePath);
        if (ca.isPresent() && (!Files.isRegularFile(ca.get()) || !Files.isReadable(ca.get()))) {
            throw new SettingsException("--acme-ca " + ca.get() + " is not a readable file");
        }
        return Optional.of(new AcmeSettings(email, directory(given.directory()), ca, challenge(given.challenge())));
    }

    /** {@code http-01} unless given; the two challenges the toaster answers, nothing else. */
    static String challenge(String raw) throws SettingsException {
        if (raw == null) {
            return HTTP_01;
        }
        String challenge = raw.strip().toLowerCase(Locale.ROOT);
        if (!challenge.equals(HTTP_01) && !challenge.equals(TLS_ALPN_01)) {
            throw new SettingsException("--acme-challenge \"" + Names.printable(raw) + "\" is neither " + HTTP_01
                    + " (port 80) nor " + TLS_ALPN_01 + " (port 443)");
        }
        return challenge;
    }

    /** {@code letsencrypt}, {@code letsencrypt-staging} or an https URL; nothing else reaches argv. */
    static String directory(String raw) throws SettingsException {
        if (raw == null) {
            return LETS_ENCRYPT;
        }
        switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "letsencrypt" -> {
                return LETS_ENCRYPT;
            }
            case "letsencrypt-staging" -> {
                return LETS_ENCRYPT_STAGING;
            }
            default -> {
                // An ACME server is always HTTPS (RFC 8555 §6.1).
            }
        }
        String text = raw.strip();
        try {
            URI uri = new URI(text);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null
                    || uri.getRawFragment() != null || text.length() > 2000 || !text.matches("[\\x21-\\x7e]+")) {
                throw new URISyntaxException(text, "not an https URL of a host");
            }
            return text;
        } catch (URISyntaxException e) {
            throw new SettingsException("--acme-directory \"" + Names.printable(raw) + "\" is neither letsencrypt, "
                    + "letsencrypt-staging nor an https:// URL of an ACME directory");
        }
    }
}
