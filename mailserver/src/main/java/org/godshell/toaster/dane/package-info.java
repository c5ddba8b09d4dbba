/**
 * Outbound DANE for SMTP (RFC 7672, with RFC 6698 and RFC 7671): DNSSEC-validated lookups over the configured
 * nameservers ({@link org.godshell.toaster.dane.SecureDns}), the verdict for one mail exchanger
 * ({@link org.godshell.toaster.dane.DaneLookup}, {@link org.godshell.toaster.dane.DaneVerdict}) and the trust
 * manager that holds the server's certificate to the TLSA records ({@link org.godshell.toaster.dane.DaneTrustManager}).
 * Remote delivery asks for a verdict before it connects and uses the trust manager for the handshake.
 *
 * <p>What this package must never do: call an answer secure that DNSSEC did not prove (only the validator's own
 * verdict counts, never a resolver's AD bit), treat a bogus or missing answer as "no DANE" (RFC 7672 §2.1.1:
 * that is a failure, and the host must not be used), check names or dates for a DANE-EE match (§3.1.1), accept
 * usages 0 and 1 for SMTP (§3.1.3), or wait for DNS without a bound.
 */
package org.godshell.toaster.dane;
