/**
 * Delivery: taking committed messages out of the queue and putting them where they belong — a local Maildir,
 * a remote host, or back to the sender as a bounce — with per-recipient results that survive a crash.
 *
 * <p>{@link org.godshell.toaster.deliver.Outcome} is the one result type of every delivery path: delivered,
 * deferred (temporary, retried) or failed (permanent, bounced).
 *
 * <p>What this package must never do: drop a recipient (a crash redelivers, it never forgets), retry a
 * permanent failure or bounce a temporary one, bounce a double bounce (the chain ends at the postmaster), or write into
 * {@code queue/mess/} (committed messages are immutable; state lives in the delivery side's own files).
 */
package org.godshell.toaster.deliver;
