package org.godshell.toaster.site.serve;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntSupplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.godshell.toaster.mailclients.ClientSettings;
import org.godshell.toaster.site.mailclients.AppleProfile;
import org.godshell.toaster.site.mailclients.EmailAddress;
import org.godshell.toaster.site.mailclients.MailDomains;
import org.godshell.toaster.site.mailclients.ThunderbirdConfig;

/**
 * The documents mail clients set themselves up from, answered before the site for any Host: Thunderbird's
 * autoconfig, Outlook's Autodiscover ({@link AutodiscoverRoute}) and the Apple profile. Which domain is asked
 * about comes from the {@code emailaddress} parameter, else (autoconfig only) from the Host the client used:
 * {@code autoconfig.DOMAIN}, or {@code DOMAIN} for the well-known path. A domain that is not the toaster's gets
 * the same 404 as a name that is no domain at all.
 *
 * <p>With HTTPS on, plain HTTP is answered differently per document: autoconfig is served as it is, since
 * Thunderbird asks {@code http://autoconfig.DOMAIN/} when HTTPS fails and a redirect would lose the Host it
 * names the domain by (a plain answer is forgeable either way); Autodiscover is redirected as Outlook expects;
 * the profile goes through the site's redirect like any page.
 */
final class MailClientRoutes extends Handler.Abstract {

    static final String AUTOCONFIG = "/mail/config-v1.1.xml";
    static final String WELL_KNOWN_AUTOCONFIG = "/.well-known/autoconfig/mail/config-v1.1.xml";
    static final String AUTODISCOVER = "/autodiscover/autodiscover.xml";
    static final String APPLE = "/apple/mail.mobileconfig";
    static final String NOT_FOUND = "404 no such page";

    /** Where HTTPS is: the host of control/me and the bound port. */
    record Https(String host, IntSupplier port) {
        String url(String path) {
            int bound = port.getAsInt();
            return "https://" + host + (bound == 443 ? "" : ":" + bound) + path;
        }
    }

    private final MailDomains domains;
    private final Optional<Https> https;
    private final AutodiscoverRoute autodiscover;
    private final Consumer<String> log;

    MailClientRoutes(MailDomains domains, Optional<Https> https, Consumer<String> log) {
        this.domains = domains;
        this.https = https;
        this.log = log;
        this.autodiscover = new AutodiscoverRoute(this, https, log);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        boolean plainBesideHttps = !request.isSecure() && https.isPresent();
        if (path == null) {
            return false;
        }
        if (path.equals(AUTOCONFIG) || path.equals(WELL_KNOWN_AUTOCONFIG)) {
            autoconfig(request, response, callback, path.equals(AUTOCONFIG));
        } else if (path.toLowerCase(Locale.ROOT).equals(AUTODISCOVER)) {
            // Outlook writes /Autodiscover/Autodiscover.xml too.
            autodiscover.handle(request, response, callback, plainBesideHttps);
        } else if (path.equals(APPLE) && !plainBesideHttps) {
            apple(request, response, callback);
        } else {
            return false;
        }
        return true;
    }

    private void autoconfig(Request request, Response response, Callback callback, boolean onAutoconfigHost) {
        if (!getOrHead(request, response, callback)) {
            return;
        }
        Optional<String> domain;
        switch (QueryParameter.find(request.getHttpURI().getQuery(), "emailaddress")) {
            case QueryParameter.Refused refused -> {
                PlainReply.send(request, response, callback, 400, "400 the query cannot be read");
                return;
            }
            case QueryParameter.Present present -> {
                Optional<EmailAddress> address = EmailAddress.parse(present.value());
                if (address.isEmpty()) {
                    PlainReply.send(request, response, callback, 400, "400 emailaddress is not a mail address");
                    return;
                }
                domain = Optional.of(address.get().domain());
            }
            case QueryParameter.Absent absent -> domain = hostDomain(request, onAutoconfigHost);
        }
        if (domain.isEmpty()) {
            PlainReply.send(request, response, callback, 404, NOT_FOUND);
            return;
        }
        answer(request, response, callback, domain.get(), settings -> Optional.of(new Document(
                ThunderbirdConfig.CONTENT_TYPE, ThunderbirdConfig.document(domain.get(), settings), Optional.empty())));
    }

    /** The domain the Host names: {@code autoconfig.DOMAIN} on that host, the host itself on the well-known path. */
    private static Optional<String> hostDomain(Request request, boolean onAutoconfigHost) {
        String host = Request.getServerName(request).toLowerCase(Locale.ROOT);
        if (onAutoconfigHost) {
            return host.startsWith("autoconfig.") ? EmailAddress.domain(host.substring("autoconfig.".length()))
                    : Optional.empty();
        }
        return EmailAddress.domain(host);
    }

    private void apple(Request request, Response response, Callback callback) {
        if (!getOrHead(request, response, callback)) {
            return;
        }
        Optional<EmailAddress> address = switch (QueryParameter.find(request.getHttpURI().getQuery(),
                "emailaddress")) {
            case QueryParameter.Present present -> EmailAddress.parse(present.value());
            case QueryParameter.Absent absent -> Optional.empty();
            case QueryParameter.Refused refused -> Optional.empty();
        };
        if (address.isEmpty()) {
            PlainReply.send(request, response, callback, 400, "400 add your address: " + APPLE
                    + "?emailaddress=you@example.org");
            return;
        }
        answer(request, response, callback, address.get().domain(), settings -> AppleProfile.document(address.get(),
                settings).map(profile -> new Document(AppleProfile.CONTENT_TYPE, profile,
                Optional.of(AppleProfile.fileName(address.get())))));
    }

    /**
     * Sends what {@code make} makes of the settings of {@code domain}: 404 when the domain is not the toaster's or
     * nothing is made for it, 503 when the domains cannot be read now.
     */
    void answer(Request request, Response response, Callback callback, String domain,
            Function<ClientSettings, Optional<Document>> make) {
        Optional<Document> document;
        try {
            document = domains.settings(domain).flatMap(make);
        } catch (IOException e) {
            log.accept("mail clients: the domains cannot be read: " + e.getMessage());
            PlainReply.send(request, response, callback, 503, "503 try again later");
            return;
        }
        document.ifPresentOrElse(d -> d.send(request, response, callback),
                () -> PlainReply.send(request, response, callback, 404, NOT_FOUND));
    }

    /** Whether the method is GET or HEAD; else a 405 was sent. */
    private static boolean getOrHead(Request request, Response response, Callback callback) {
        if (request.getMethod().equals("GET") || request.getMethod().equals("HEAD")) {
            return true;
        }
        response.getHeaders().put("Allow", "GET, HEAD");
        PlainReply.send(request, response, callback, 405, "405 only GET and HEAD are served here");
        return false;
    }

    /** A document to send; {@code fileName} makes it a download. */
    record Document(String type, String body, Optional<String> fileName) {

        /** Never cached: the profile and the Autodiscover answer name the address. */
        void send(Request request, Response response, Callback callback) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            response.setStatus(200);
            response.getHeaders().put("Content-Type", type);
            response.getHeaders().put("Cache-Control", "no-store");
            response.getHeaders().put("Content-Length", Integer.toString(bytes.length));
            fileName.ifPresent(name -> response.getHeaders().put("Content-Disposition", "attachment; filename=\""
                    + name + "\""));
            // for HEAD, Jetty's HTTP generator sends the headers and drops the body (RFC 9110 §9.3.2)
            response.write(true, ByteBuffer.wrap(bytes), callback);
        }
    }
}
