package org.godshell.toaster.site.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * An answer whose body is in memory, as the site's files are sent: gzip when the client accepts it and it pays,
 * and for a 200 an ETag, Last-Modified and {@code no-cache} so that a conditional request (RFC 9110 §13) gets a
 * 304; other statuses are not to be stored. HEAD gets the same headers, Jetty dropping the body (§9.3.2).
 */
public final class InMemoryReply {

    /** Smaller answers gain nothing from gzip's header and trailer. */
    static final int COMPRESS_FROM = 256;

    private InMemoryReply() {
    }

    /**
     * Sends {@code body}; {@code tag} is the ETag's opaque text (without quotes), the same for the same bytes,
     * and {@code modified} the time they were made.
     */
    public static void send(Request request, Response response, Callback callback, int status, String type,
                            byte[] body, String tag, Instant modified) throws IOException {
        boolean gzip = body.length >= COMPRESS_FROM && ContentTypes.compressible(type)
                && AcceptEncoding.gzip(request.getHeaders().get("Accept-Encoding"));
        if (headers(request, response, callback, status, type, "\"" + tag + (gzip ? "-gz" : "") + "\"", modified)) {
            return;
        }
        response.setStatus(status);
        byte[] sent = gzip ? gzip(body) : body;
        if (gzip) {
            response.getHeaders().put("Content-Encoding", "gzip");
        }
        response.getHeaders().put("Content-Length", Integer.toString(sent.length));
        response.write(true, ByteBuffer.wrap(sent), callback);
    }

    /**
     * The headers of an answer of {@code type}; for a 200 its validators, and when the request's match them, the
     * 304 is sent and true returned: nothing more to send.
     */
    static boolean headers(Request request, Response response, Callback callback, int status, String type,
                           String etag, Instant modified) {
        var headers = response.getHeaders();
        headers.put("Content-Type", type);
        if (ContentTypes.compressible(type)) {
            headers.put("Vary", "Accept-Encoding");
        }
        if (status != 200) {
            headers.put("Cache-Control", "no-store");
            return false;
        }
        headers.put("ETag", etag);
        headers.put("Last-Modified", Conditional.httpDate(modified));
        // a page changes with every push: caches must ask again, which a 304 makes cheap
        headers.put("Cache-Control", "no-cache");
        if (!Conditional.notModified(request.getHeaders().get("If-None-Match"),
                request.getHeaders().get("If-Modified-Since"), etag, modified)) {
            return false;
        }
        headers.remove("Content-Type");
        response.setStatus(304);
        response.write(true, ByteBuffer.allocate(0), callback);
        return true;
    }

    private static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(body);
        }
        return out.toByteArray();
    }
}
