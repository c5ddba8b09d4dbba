package org.godshell.toaster.filter.rspamd;

/**
 * An HTTP response as {@link ResponseReader} read it.
 *
 * @param status    the status code (RFC 9110 §15)
 * @param reason    the reason phrase, printable ASCII
 * @param keepAlive whether the connection may carry another request (RFC 9112 §9.3)
 * @param body      the content, already de-chunked
 */
record HttpResponse(int status, String reason, boolean keepAlive, byte[] body) {
}
