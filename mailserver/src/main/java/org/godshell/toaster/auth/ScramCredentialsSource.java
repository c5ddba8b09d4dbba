package org.godshell.toaster.auth;

import java.util.Optional;

/**
 * Where SCRAM-SHA-256 (RFC 7677) finds a user's stored keys. The user store implements it beside
 * {@link Authenticator}; the SMTP server asks through this narrow interface only.
 */
@FunctionalInterface
public interface ScramCredentialsSource {

    /** The user's SCRAM credentials; empty for an unknown user and for one stored in another scheme. */
    Optional<ScramCredentials> scram(String address);
}
