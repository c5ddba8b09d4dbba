/**
 * SMTP protocol primitives shared by the server session and the SMTP client: replies as values
 * ({@link org.godshell.toaster.smtp.Reply}, the qmail texts in {@link org.godshell.toaster.smtp.Replies}), the
 * strict command-line reader, the DATA reader with dot-unstuffing and the SMTP-smuggling defence, and the one
 * RFC 5321 path parser of the project ({@link org.godshell.toaster.smtp.PathParser}).
 *
 * <p>Everything here is pure code over streams and strings. This package never opens or closes a socket, never
 * starts a thread, never writes a reply to the peer and never makes a policy decision (relaying, badmailfrom,
 * size limits, which ESMTP parameters are supported): it tells the caller what the peer sent, exactly, and the
 * session decides what to do with it.
 */
package org.godshell.toaster.smtp;
