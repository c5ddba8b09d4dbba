package org.godshell.toaster.acme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where ACME keeps its things, all under {@code control/acme/} (the daemons' own: they renew):
 *
 * <pre>
 *   directory        the CA's directory URL (default: Let's Encrypt production)
 *   email            the account's contact; its presence turns on renewal in toaster wiki serve
 *   account.pem      the account key (0600)
 *   servercert.pem   the certificate key and the full chain as issued (0600); control/servercert.pem links here
 *   challenge        how the CA checks the names: http-01 (default) or tls-alpn-01 ({@link ChallengeType})
 *   http-01/TOKEN    the answers to the CA's HTTP-01 challenges while an order is open
 *   tls-alpn-01/NAME.pem  the TLS-ALPN-01 validation key and certificate of NAME while an order is open (0600)
 *   state            the renewal state ({@link RenewalState})
 *   ca.pem           optional: trust anchors for the CA's own HTTPS (a private CA such as Pebble or step-ca)
 * </pre>
 *
 * @param control the install's {@code control/} directory
 */
public record AcmeFiles(Path control) {

    /** The mode of every file here: the keys are secret, and the rest is nobody else's business. */
    static final String MODE = "rw-------";
    static final String DIRECTORY_MODE = "rwx------";
    /** The largest setting file read (directory, email): a line, not a document. */
    private static final int MAX_SETTING = 2048;

    public Path dir() {
        return control.resolve("acme");
    }

    public Path directoryUrl() {
        return dir().resolve("directory");
    }

    public Path email() {
        return dir().resolve("email");
    }

    public Path accountKey() {
        return dir().resolve("account.pem");
    }

    public Path certificate() {
        return dir().resolve("servercert.pem");
    }

    public Path challenges() {
        return dir().resolve("http-01");
    }

    public Path challengeType() {
        return dir().resolve("challenge");
    }

    /** Where the validation certificates of TLS-ALPN-01 are while an order is open, for the wiki's HTTPS. */
    public Path tlsAlpnChallenges() {
        return dir().resolve("tls-alpn-01");
    }

    public Path state() {
        return dir().resolve("state");
    }

    public Path caCertificates() {
        return dir().resolve("ca.pem");
    }

    /** {@code control/servercert.pem}, what the servers read: a link to {@link #certificate} once ACME issued. */
    public Path served() {
        return control.resolve("servercert.pem");
    }

    /** Where the certificate {@link #served} held before the first ACME one replaced it. */
    public Path before() {
        return control.resolve("servercert.pem.before-acme");
    }

    /** Whether renewal is set up: an account contact was written by {@code toaster cert acme}. */
    public boolean configured() {
        return Files.isRegularFile(email());
    }

    /** The one-line setting in {@code file}, trimmed; empty when the file is missing. */
    static Optional<String> setting(Path file) throws AcmeException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            if (Files.size(file) > MAX_SETTING) {
                throw AcmeException.local(file + " is over " + MAX_SETTING + " bytes; it holds one line");
            }
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (text.isEmpty() || text.contains("\n") || text.chars().anyMatch(Character::isISOControl)) {
                throw AcmeException.local(file + ":1: needs exactly one line of text");
            }
            return Optional.of(text);
        } catch (IOException e) {
            throw AcmeException.local("cannot read " + file + ": " + e.getMessage());
        }
    }
}
