package org.godshell.toaster.site.serve;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * With HTTPS on, a plain HTTP request is sent to the same path over HTTPS. 308 (RFC 9110 §15.4.9) keeps the
 * method, so a push aimed at http:// does not turn into a GET. The host is the configured one, never the
 * request's Host header, which a client chooses.
 */
final class HttpsRedirect extends Handler.Wrapper {

    private final String origin;

    HttpsRedirect(Handler next, String host, int port) {
        super(next);
        this.origin = "https://" + host + (port == 443 ? "" : ":" + port);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (request.isSecure()) {
            return super.handle(request, response, callback);
        }
        String location = origin + request.getHttpURI().getPathQuery();
        response.getHeaders().put("Location", location);
        PlainReply.send(request, response, callback, 308, "308 this wiki is served over HTTPS: " + location);
        return true;
    }
}
