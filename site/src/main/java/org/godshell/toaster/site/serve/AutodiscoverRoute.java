package org.godshell.toaster.site.serve;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.godshell.toaster.site.mailclients.AutodiscoverRequest;
import org.godshell.toaster.site.mailclients.AutodiscoverResponse;

/**
 * {@code /autodiscover/autodiscover.xml}: Outlook POSTs its request there and gets the settings of the address
 * it names; a GET (Outlook's redirect check, or a person with a browser) gets Exchange's own "Invalid Request"
 * error, which names nothing. The body is read up to {@link AutodiscoverRequest#MAX_BYTES} and no further: a
 * longer one is refused with 413 before the parser sees a byte of it.
 *
 * <p>Over plain HTTP while HTTPS is on, the request is sent to HTTPS at the host of control/me: a GET with 302,
 * the answer Outlook's "HTTP redirect method" looks for (it then asks the user before it follows), a POST with
 * 308, which keeps the method and body (RFC 9110 §15.4.9) for the clients that POST there.
 */
final class AutodiscoverRoute {

    private final MailClientRoutes routes;
    private final Optional<MailClientRoutes.Https> https;
    private final Consumer<String> log;

    AutodiscoverRoute(MailClientRoutes routes, Optional<MailClientRoutes.Https> https, Consumer<String> log) {
        this.routes = routes;
        this.https = https;
        this.log = log;
    }

    void handle(Request request, Response response, Callback callback, boolean plainBesideHttps)
            throws IOException {
        String method = request.getMethod();
        boolean read = method.equals("GET") || method.equals("HEAD");
        if (!read && !method.equals("POST")) {
            response.getHeaders().put("Allow", "GET, HEAD, POST");
            PlainReply.send(request, response, callback, 405, "405 only GET, HEAD and POST are served here");
        } else if (plainBesideHttps) {
            String location = https.orElseThrow().url(MailClientRoutes.AUTODISCOVER);
            response.getHeaders().put("Location", location);
            PlainReply.send(request, response, callback, read ? 302 : 308, (read ? "302" : "308")
                    + " Autodiscover is served over HTTPS: " + location);
        } else if (read) {
            new MailClientRoutes.Document(AutodiscoverResponse.CONTENT_TYPE, AutodiscoverResponse.invalidRequest(),
                    Optional.empty()).send(request, response, callback);
        } else {
            post(request, response, callback);
        }
    }

    private void post(Request request, Response response, Callback callback) throws IOException {
        if (request.getLength() > AutodiscoverRequest.MAX_BYTES) {
            PlainReply.send(request, response, callback, 413, "413 an Autodiscover request is at most "
                    + AutodiscoverRequest.MAX_BYTES + " bytes");
            return;
        }
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = in.readNBytes(AutodiscoverRequest.MAX_BYTES + 1);
        }
        if (body.length > AutodiscoverRequest.MAX_BYTES) {
            PlainReply.send(request, response, callback, 413, "413 an Autodiscover request is at most "
                    + AutodiscoverRequest.MAX_BYTES + " bytes");
            return;
        }
        switch (AutodiscoverRequest.parse(body)) {
            case AutodiscoverRequest.Refused refused -> {
                log.accept("mail clients: refused an Autodiscover request from " + Request.getRemoteAddr(request)
                        + ": " + refused.reason());
                PlainReply.send(request, response, callback, 400, "400 not an Autodiscover request");
            }
            case AutodiscoverRequest.OtherSchema other -> PlainReply.send(request, response, callback, 404,
                    MailClientRoutes.NOT_FOUND);
            case AutodiscoverRequest.Outlook outlook -> routes.answer(request, response, callback,
                    outlook.address().domain(), settings -> Optional.of(new MailClientRoutes.Document(
                            AutodiscoverResponse.CONTENT_TYPE, AutodiscoverResponse.settings(outlook.address(),
                            settings), Optional.empty())));
        }
    }
}
