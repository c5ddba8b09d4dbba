package org.godshell.toaster.auth;

/**
 * Checks a login. The user store implements it; the SMTP server asks through this narrow interface only.
 * Implementations spend the same time on an unknown user as on a wrong password.
 */
@FunctionalInterface
public interface Authenticator {

    /**
     * A login's outcome: the password is right, it is not (or nobody has that name: the two are never told
     * apart), or the users cannot be asked now (a user database that is down), which a client must hear as a
     * temporary failure (RFC 4954 §6: 454 4.7.0), not as a wrong password it would ask its user to change.
     */
    enum Verdict { ACCEPTED, REFUSED, UNAVAILABLE }

    /** True when {@code address} exists and {@code password} is its password; the caller zeroes the array. */
    boolean verify(String address, char[] password);

    /** The login's {@link Verdict}; this default knows no outage: {@code verify}'s answer. */
    default Verdict check(String address, char[] password) {
        return verify(address, password) ? Verdict.ACCEPTED : Verdict.REFUSED;
    }
}
