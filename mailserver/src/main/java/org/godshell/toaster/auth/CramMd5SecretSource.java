package org.godshell.toaster.auth;

import java.util.Optional;

/**
 * Where CRAM-MD5 (RFC 2195) finds a user's stored secret. The user store implements it beside
 * {@link Authenticator}; the SMTP server asks through this narrow interface only.
 */
@FunctionalInterface
public interface CramMd5SecretSource {

    /** The user's CRAM-MD5 secret; empty for an unknown user and for one stored in another scheme. */
    Optional<CramMd5Secret> cramMd5(String address);
}
