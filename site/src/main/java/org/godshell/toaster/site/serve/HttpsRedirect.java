package org.godshell.toaster.site.serve;

import java.util.function.IntSupplier;
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

    private final String host;
    private final IntSupplier port;

    /** {@code port}: the HTTPS connector's bound port, read per request (a configured 0 is known after start). */
    HttpsRedirect(Handler next, String host, IntSupplier port) {
        super(next);
        this.host = host;
        this.port = port;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (request.isSecure()) {
            return super.handle(request, response, callback);
        }
        int bound = port.getAsInt();
        String location = "https://" + host + (bound == 443 ? "" : ":" + bound) + request.getHttpURI().getPathQuery();
        response.getHeaders().put("Location", location);
        PlainReply.send(request, response, callback, 308, "308 this wiki is served over HTTPS: " + location);
        return true;
    }
}
