/**
 * SMTP AUTH (RFC 4954): the SASL mechanisms' wire formats (PLAIN, LOGIN, SCRAM-SHA-256's server side per
 * RFC 5802 and RFC 7677, and CRAM-MD5's per RFC 2195), SASLprep (RFC 4013) for names and passwords, the
 * password check, SCRAM credentials and CRAM-MD5 secrets the SMTP server asks for, and the throttle against
 * password guessing.
 *
 * <p>It never logs a password, a SCRAM proof or key or a CRAM-MD5 digest or secret, never tells an unknown user
 * from a wrong password, and never accepts a login on a connection without TLS. MD5 ({@code Md5Blocks}) serves
 * CRAM-MD5 only, never as a hash of anything to keep.
 */
package org.godshell.toaster.auth;
