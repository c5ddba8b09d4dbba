package org.godshell.toaster.mtasts;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManager;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.VirtualThreadPool;
import org.godshell.toaster.dns.Dns;
import org.godshell.toaster.tlsrpt.ResultType;

/**
 * Fetches {@code https://mta-sts.<domain>/.well-known/mta-sts.txt} (RFC 8461 §3.3): the host's address from
 * our nameservers, a certificate PKIX-valid against {@link WebPki} that names {@code mta-sts.<domain>} (the
 * HTTPS name check, SNI set to that name), no redirects, only a 200 with {@code text/plain}, the body capped at
 * {@link PolicyParser#MAX_BYTES} while it is read, and the whole fetch within {@code timeout}.
 *
 * <p>One short-lived Jetty client per fetch: fetches are rare (policies are cached for days), and a client of
 * its own keeps one fetch's trust and nameservers from leaking into another's.
 */
public final class PolicyFetcher {

    private final int port;

    /** Port 443; another port only for tests on loopback. */
    public PolicyFetcher(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        this.port = port;
    }

    public static PolicyFetcher standard() {
        return new PolicyFetcher(443);
    }

    /** The policy of {@code domain}, asking {@code dns} for the policy host's address. Never throws. */
    public Fetched fetch(String domain, Dns dns, WebPki trust, Duration timeout) {
        String host = "mta-sts." + domain;
        HttpClient client = new HttpClient();
        // Virtual threads, as everywhere in delivery: a fetch costs no pool of platform threads.
        client.setExecutor(new VirtualThreadPool());
        try {
            client.setSslContextFactory(tls(trust));
            client.setSocketAddressResolver(new OurResolver(dns, timeout));
            client.setFollowRedirects(false);
            client.setConnectTimeout(Math.max(1, timeout.toMillis()));
            client.setIdleTimeout(Math.max(1, timeout.toMillis()));
            client.start();
            Request request = client.newRequest("https://" + host + (port == 443 ? "" : ":" + port)
                    + "/.well-known/mta-sts.txt").followRedirects(false).timeout(timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            ContentResponse response = new CompletableResponseListener(request, PolicyParser.MAX_BYTES).send()
                    .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            return judge(host, response);
        } catch (ExecutionException e) {
            return failure(host, e.getCause());
        } catch (TimeoutException e) {
            return new Fetched.Failed(ResultType.STS_POLICY_FETCH_ERROR, host + ": no answer within "
                    + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Fetched.Failed(ResultType.STS_POLICY_FETCH_ERROR, host + ": interrupted");
        } catch (Exception e) {
            return failure(host, e);
        } finally {
            try {
                client.stop();
            } catch (Exception e) {
                // The answer is settled; a client that stops untidily leaks nothing we keep.
            }
        }
    }

    private static Fetched judge(String host, ContentResponse response) {
        if (response.getStatus() != 200) {
            // §3.3: "HTTP 3xx redirects MUST NOT be followed", and any non-200 means no policy.
            return new Fetched.Failed(ResultType.STS_POLICY_FETCH_ERROR, host + " answered HTTP "
                    + response.getStatus() + " (only 200 is a policy; redirects are not followed)");
        }
        String type = response.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type == null || !type.toLowerCase(Locale.ROOT).strip().matches("text/plain[ \t]*(;.*)?")) {
            return new Fetched.Failed(ResultType.STS_POLICY_INVALID, host + " served the policy as "
                    + (type == null ? "no Content-Type" : type.length() > 60 ? type.substring(0, 60) : type)
                    + ", not text/plain");
        }
        return switch (PolicyParser.parse(response.getContent())) {
            case PolicyParser.Parsed.Valid v -> new Fetched.Found(v.policy());
            case PolicyParser.Parsed.Invalid i -> new Fetched.Failed(ResultType.STS_POLICY_INVALID,
                    host + ": invalid policy: " + i.why());
        };
    }

    private static Fetched failure(String host, Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLHandshakeException || cause instanceof CertificateException) {
                return new Fetched.Failed(ResultType.STS_WEBPKI_INVALID, host + ": certificate not valid: "
                        + message(cause));
            }
        }
        String text = message(e);
        // Jetty aborts a response whose body passes the listener's maximum with "Buffering capacity N exceeded".
        if (e instanceof IllegalArgumentException && text.contains("exceeded")) {
            return new Fetched.Failed(ResultType.STS_POLICY_INVALID, host + ": the policy is larger than "
                    + PolicyParser.MAX_BYTES + " bytes");
        }
        return new Fetched.Failed(ResultType.STS_POLICY_FETCH_ERROR, host + ": " + text);
    }

    private static SslContextFactory.Client tls(WebPki trust) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trust.trustManager()}, new SecureRandom());
        SslContextFactory.Client factory = new SslContextFactory.Client();
        factory.setSslContext(context);
        // The name check of HTTPS (RFC 2818 §3.1, RFC 6125), which §3.3 asks for.
        factory.setEndpointIdentificationAlgorithm("HTTPS");
        factory.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        return factory;
    }

    private static String message(Throwable e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
