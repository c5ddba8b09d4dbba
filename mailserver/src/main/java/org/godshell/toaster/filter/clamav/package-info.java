/**
 * A client of clamd, ClamAV's scanning daemon: one message streamed to its {@code INSTREAM} command over a unix
 * socket or TCP, and its reply read as a verdict (clean, a signature found, larger than clamd accepts).
 *
 * <p>It knows nothing of SMTP or qmail-spp: the {@code builtin:clamav} plugin ({@code spp.BuiltinClamav}) turns
 * its verdicts into reply lines. It must never hold a whole message in memory (messages are streamed in chunks
 * from their file), never read more of clamd's reply than {@link org.godshell.toaster.filter.clamav.Clamd#MAX_REPLY}
 * bytes, never outlive its time limit (the connection is closed under a blocked call), and never call a message
 * clean unless clamd said {@code OK}: every other outcome is a verdict that refuses or a failure.
 */
package org.godshell.toaster.filter.clamav;
