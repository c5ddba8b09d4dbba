package org.godshell.toaster.site.serve;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Headers on every answer, page or git or error. The site has no inline script or style (the generator writes
 * them to {@code _assets/}), so the Content-Security-Policy allows only the site's own files: an injected
 * {@code <script>} that slipped past the sanitizer would still not run. Framing is refused (clickjacking), MIME
 * sniffing is off, and no Referer leaves the wiki. HSTS (RFC 6797) only on HTTPS answers, as §7.2 requires.
 */
final class SecurityHeaders extends Handler.Wrapper {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    SecurityHeaders(Handler next) {
        super(next);
    }

    static void add(HttpFields.Mutable headers, boolean secure) {
        headers.put("Content-Security-Policy", CSP);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Cross-Origin-Opener-Policy", "same-origin");
        if (secure) {
            headers.put("Strict-Transport-Security", "max-age=31536000");
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        add(response.getHeaders(), request.isSecure());
        return super.handle(request, response, callback);
    }
}
