package org.godshell.toaster.site.edit.form;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * A request's body, read whole only when it is within a limit: a Content-Length over it is refused before a byte
 * is read, and a body without one (chunked) is read to one byte past the limit and then refused.
 */
public final class BoundedBody {

    /** A body over the limit: 413 (RFC 9110 §15.5.14). */
    public static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        public TooLarge(long limit) {
            super("the request is larger than " + limit + " bytes, the most this form takes");
        }
    }

    /**
     * A refused body up to this size is read to its end and dropped before the 413, so that a client still
     * sending it reads the answer instead of a connection reset under its feet (RFC 9112 §9.6); a larger one is
     * not worth the bandwidth, and its connection just ends with the answer.
     */
    static final long DRAIN_LIMIT = 16L << 20;

    private BoundedBody() {
    }

    public static byte[] read(Request request, int limit) throws IOException, TooLarge {
        long declared = request.getLength();
        try (InputStream in = Content.Source.asInputStream(request)) {
            if (declared > limit) {
                drain(in, declared);
                throw new TooLarge(limit);
            }
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                drain(in, -1);
                throw new TooLarge(limit);
            }
            return bytes;
        }
    }

    private static void drain(InputStream in, long declared) throws IOException {
        if (declared > DRAIN_LIMIT) {
            return;
        }
        byte[] buffer = new byte[65536];
        long read = 0;
        for (int n; read <= DRAIN_LIMIT && (n = in.read(buffer)) >= 0; ) {
            read += n;
        }
    }

    /** Whether the request says it carries a form (a charset parameter, if any, must be UTF-8). */
    public static boolean isForm(Request request) {
        String type = request.getHeaders().get("Content-Type");
        if (type == null) {
            return false;
        }
        String[] parts = type.toLowerCase(Locale.ROOT).split(";");
        if (!parts[0].strip().equals("application/x-www-form-urlencoded")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.startsWith("charset=") && !parameter.substring(8).replace("\"", "").equals("utf-8")) {
                return false;
            }
        }
        return true;
    }
}
