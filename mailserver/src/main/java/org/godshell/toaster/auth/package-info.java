/**
 * SMTP AUTH (RFC 4954): the SASL mechanisms' wire formats (PLAIN, LOGIN, and SCRAM-SHA-256's server side per
 * RFC 5802 and RFC 7677), the password check and SCRAM credentials the SMTP server asks for, and the throttle
 * against password guessing.
 *
 * <p>It never logs a password, a SCRAM proof or key, never tells an unknown user from a wrong password, and
 * never accepts a login on a connection without TLS.
 */
package org.godshell.toaster.auth;
