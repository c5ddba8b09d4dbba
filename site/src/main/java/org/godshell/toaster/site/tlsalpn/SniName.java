package org.godshell.toaster.site.tlsalpn;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The SNI host name (RFC 6066 §3) of a TLS-ALPN-01 handshake, when it may name a file: a lowercase LDH host name
 * (RFC 1123 §2.1) of two labels or more, at most 253 characters, without a trailing dot. The ACME client writes
 * its files under the names it ordered, which are lowercase; anything else (uppercase, {@code ..}, a slash, a
 * NUL, a trailing dot, an overlong name) is no name of ours and never reaches the file system.
 */
final class SniName {

    static final int MAX_LENGTH = 253;
    private static final Pattern LDH = Pattern.compile(
            "([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private SniName() {
    }

    static Optional<String> check(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH || !LDH.matcher(name).matches()) {
            return Optional.empty();
        }
        return Optional.of(name);
    }
}
