package org.godshell.toaster.site.serve;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own errors (a request line or header it refuses, a handler that threw): the status and its standard
 * phrase as plain text, with the security headers; no stack trace, no message, nothing of the request echoed.
 */
final class ErrorReply implements Request.Handler {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus() >= 400 ? response.getStatus() : 500;
        SecurityHeaders.add(response.getHeaders(), request.isSecure());
        PlainReply.send(request, response, callback, status, status + " " + HttpStatus.getMessage(status));
        return true;
    }
}
