/**
 * SMTP AUTH (RFC 4954): the SASL mechanisms' wire formats, the password check the SMTP server asks for, and the
 * throttle against password guessing.
 *
 * <p>It never logs a password, never tells an unknown user from a wrong password, and never accepts a login on
 * a connection without TLS.
 */
package org.godshell.toaster.auth;
