/**
 * Delivery status notifications: the bounce (RFC 3464 {@code multipart/report}) that tells a sender which
 * recipients failed for good, the warning that tells a sender a message is still waiting, and the double bounce
 * that goes to the postmaster when a message without a return path fails. What a DSN looks like and when one is
 * sent is in {@code wiki-content/Bounces.md}.
 *
 * <p>{@link org.godshell.toaster.deliver.bounce.Bounces} decides whether and to whom a notice goes and builds it
 * as a {@link org.godshell.toaster.deliver.bounce.Notice}: the bytes of a message that the queue runner commits
 * to the queue with the null reverse path, or the reason why none may be sent (which the runner logs).
 *
 * <p>Pure code: the only I/O is reading the header section of the original message from its queue file. This
 * package must never read more of the original than its capped header section (a bounce never returns the
 * body), never let a CR, LF or NUL from the original or from a remote reply reach a header line of its own,
 * never send a notice with a sender other than the null reverse path (RFC 5321 §4.5.5), never bounce its own
 * bounce, and never send a delay warning to the null sender.
 */
package org.godshell.toaster.deliver.bounce;
