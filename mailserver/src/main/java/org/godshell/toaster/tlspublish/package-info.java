/**
 * What the toaster publishes to ask other servers to insist on TLS when they deliver to it: its MTA-STS policy
 * (RFC 8461 §3.2) with the id of its {@code _mta-sts} record, the TLSA records of DANE (RFC 7672 §3.1, usage 3
 * selector 1 matching 1) for its certificates' keys, and what DNS says of both now, for {@code toaster doctor}.
 *
 * <p>Made from the control files and the certificates; the wiki server serves the policy through an interface
 * the CLI implements, and the CLI prints the records. This package must never write a file or a record, never
 * tell the world {@code enforce} unless the admin wrote it, and never parse another domain's policy (that is the
 * outbound side's, {@code org.godshell.toaster.mtasts}).
 */
package org.godshell.toaster.tlspublish;
