package org.godshell.toaster.tlsrpt.send;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.godshell.toaster.tlsrpt.report.ReportFile;

/**
 * Posts a report to an {@code https:} rua (RFC 8460 §5.4): {@code Content-Type: application/tlsrpt+gzip}, the
 * gzip as the body, a 2xx answer is success. The certificate is checked against the JDK's trust store with the
 * host name (PKIX, RFC 6125), redirects are never followed (a record names the endpoint; a redirect could lead
 * to plain http or anywhere else), and the whole exchange is bounded by the timeout. The answer's body is
 * never read.
 */
public final class HttpsPoster {

    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient client;
    private final Duration timeout;

    /** With the JDK's default trust store: what the daemon uses. */
    public static HttpsPoster standard() {
        try {
            return new HttpsPoster(SSLContext.getDefault(), TIMEOUT);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has a default TLS context", e);
        }
    }

    /** With {@code context}'s trust: tests give one that trusts their loopback server's certificate. */
    public HttpsPoster(SSLContext context, Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().sslContext(context).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout).build();
    }

    /** Returns the status line for the log. */
    String post(ReportFile report, URI uri) throws IOException {
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IOException("not an https URI: " + uri);
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", ReportFile.MEDIA_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(report.gzip())).build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while posting to " + uri, e);
        }
        response.body().close();                                // the answer's body is not wanted
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw new IOException(uri + " answered " + status);
        }
        return uri + " answered " + status;
    }
}
