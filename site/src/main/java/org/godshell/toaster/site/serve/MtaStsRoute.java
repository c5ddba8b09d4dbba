package org.godshell.toaster.site.serve;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.godshell.toaster.site.stspolicy.PolicyHost;
import org.godshell.toaster.site.stspolicy.StsPolicies;

/**
 * The toaster's MTA-STS policy at {@code https://mta-sts.DOMAIN/.well-known/mta-sts.txt} (RFC 8461 §3.3), for
 * each domain that is the toaster's. Only over HTTPS: a sender fetches it only so, and a plain answer could be
 * forged, so plain HTTP gets a 404 that says where it is. Any other host name, a domain not the toaster's and a
 * domain without a policy all get the same 404 as a name that is no domain at all. Answered before the site for
 * this one path; every other path passes on.
 */
final class MtaStsRoute extends Handler.Abstract {

    static final String PATH = "/.well-known/mta-sts.txt";
    /** RFC 8461 §3.3: the policy is served as text/plain. */
    static final String CONTENT_TYPE = "text/plain";

    private final StsPolicies policies;
    private final Consumer<String> log;

    MtaStsRoute(StsPolicies policies, Consumer<String> log) {
        this.policies = policies;
        this.log = log;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!PATH.equals(request.getHttpURI().getPath())) {
            return false;
        }
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
            response.getHeaders().put("Allow", "GET, HEAD");
            PlainReply.send(request, response, callback, 405, "405 only GET and HEAD are served here");
            return true;
        }
        if (!request.isSecure()) {
            PlainReply.send(request, response, callback, 404, "404 the MTA-STS policy is served over HTTPS only");
            return true;
        }
        Optional<String> domain = PolicyHost.domain(Request.getServerName(request));
        Optional<String> policy;
        try {
            policy = domain.isEmpty() ? Optional.empty() : policies.policy(domain.get());
        } catch (IOException e) {
            log.accept("mta-sts: the domains cannot be read: " + e.getMessage());
            PlainReply.send(request, response, callback, 503, "503 try again later");
            return true;
        }
        if (policy.isEmpty()) {
            PlainReply.send(request, response, callback, 404, MailClientRoutes.NOT_FOUND);
            return true;
        }
        byte[] body = policy.get().getBytes(StandardCharsets.US_ASCII);
        response.setStatus(200);
        response.getHeaders().put("Content-Type", CONTENT_TYPE);
        response.getHeaders().put("Cache-Control", "no-cache");
        response.getHeaders().put("Content-Length", Integer.toString(body.length));
        // for HEAD, Jetty's HTTP generator sends the headers and drops the body (RFC 9110 §9.3.2)
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
