package org.godshell.toaster.site.serve;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A short text/plain answer: errors, refusals, redirects. The text is ours, never the request's path or headers
 * echoed back. git shows a text/plain error body to the user as "remote: ..." lines, so refusals of a push are
 * written for people.
 */
public final class PlainReply {

    private PlainReply() {
    }

    public static void send(Request request, Response response, Callback callback, int status, String text) {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put("Content-Type", "text/plain; charset=utf-8");
        response.getHeaders().put("Cache-Control", "no-store");
        response.getHeaders().put("Content-Length", Integer.toString(body.length));
        // for HEAD, Jetty's HTTP generator sends the headers and drops the body (RFC 9110 §9.3.2)
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
