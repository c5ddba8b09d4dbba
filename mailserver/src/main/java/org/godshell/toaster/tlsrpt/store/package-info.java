/**
 * Where each TLS session's outcome is kept until the day's report is made: one line per session appended to
 * {@code var/tlsrpt/YYYY-MM-DD} (the UTC day), written by one thread in batches, read back strictly.
 *
 * <p>What this package must never do: make remote delivery wait for the disk or fail because of it (a result
 * that cannot be written is dropped and the trouble logged once), keep anything about a message (only the policy,
 * the host, its address and the failure), or let a malformed line stop a day from being read.
 */
package org.godshell.toaster.tlsrpt.store;
