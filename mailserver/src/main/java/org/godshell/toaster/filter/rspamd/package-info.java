/**
 * The client of rspamd's HTTP protocol (issue 20): one {@code POST /checkv2} per message to rspamd's normal
 * worker, on TCP or a unix socket, with the envelope in request headers and the message streamed from its file;
 * the JSON answer read into a {@link org.godshell.toaster.filter.rspamd.RspamdVerdict}. The {@code builtin:rspamd}
 * plugin (package {@code spp}) turns the verdict into qmail-spp output.
 *
 * <p>What it must never do: load a message into the heap (the body goes from the file to the socket); wait
 * without a bound (every check ends within its timeout, connect and retry included); read an answer without a
 * size limit or trust its text (what goes into a reply or a header is cut down to printable ASCII); put a value
 * with a control character into a request header (that would let a client write headers of its own); or turn a
 * failure into a verdict: no answer, a non-200 status, or an answer that is not a verdict is an
 * {@link org.godshell.toaster.filter.rspamd.RspamdFailure}, which the caller fails closed on. It resolves no
 * names: the server's address is an IP literal or a socket path, and the client's name comes from the caller.
 */
package org.godshell.toaster.filter.rspamd;
