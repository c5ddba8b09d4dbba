package org.godshell.toaster.auth;

/**
 * Checks a login. The user store implements it; the SMTP server asks through this narrow interface only.
 * Implementations spend the same time on an unknown user as on a wrong password.
 */
@FunctionalInterface
public interface Authenticator {

    /** True when {@code address} exists and {@code password} is its password; the caller zeroes the array. */
    boolean verify(String address, char[] password);
}
