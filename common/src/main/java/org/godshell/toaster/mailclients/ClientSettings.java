package org.godshell.toaster.mailclients;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.godshell.toaster.mailclients.ClientService.Protocol;
import org.godshell.toaster.mailclients.ClientService.Security;

/**
 * Where mail clients find a toaster: its host name (control/me, the name its certificate must carry), the
 * services in the order a client should prefer them, and the HTTPS port of the wiki server, which serves the
 * Autodiscover document Outlook's SRV lookup leads to.
 *
 * @param host     the host every service is on
 * @param services implicit TLS before STARTTLS (RFC 8314 §3), IMAP before POP3, then SMTP
 * @param https    the wiki server's HTTPS port, if it has one
 */
public record ClientSettings(String host, List<ClientService> services, OptionalInt https) {

    /**
     * IMAP is Dovecot's, installed beside the toaster and reading the same Maildirs and passwd files: its
     * standard ports, IMAPS (RFC 8314 §3.2) and IMAP with STARTTLS (RFC 9051 §6.2.1). No listen file says them.
     */
    public static final int IMAPS_PORT = 993;
    public static final int IMAP_PORT = 143;

    /** The listen files whose first port {@link #of} reads, by their names in {@code control/}. */
    public static final String LISTEN_SUBMISSION = "listen-submission";
    public static final String LISTEN_SMTPS = "listen-smtps";
    public static final String LISTEN_POP3 = "listen-pop3";
    public static final String LISTEN_POP3S = "listen-pop3s";
    public static final String LISTEN_HTTPS = "listen-https";

    private static final String LABEL = "[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?";

    public ClientSettings {
        Objects.requireNonNull(host, "host");
        if (!validHost(host)) {
            throw new IllegalArgumentException("not a host name: " + host.replaceAll("\\p{Cntrl}", "?"));
        }
        host = host.toLowerCase(Locale.ROOT);
        services = List.copyOf(services);
        Objects.requireNonNull(https, "https");
    }

    /**
     * The settings of a toaster on {@code host} whose listen files give these ports: a file's name, such as
     * {@link #LISTEN_SUBMISSION}, to the port of its first address. A missing file offers nothing, and so does
     * port 0, which asks the system for any free port: the real one is known only to the daemon that bound it.
     * IMAP is offered when {@code imap}: where Dovecot serves the toaster's users.
     */
    public static ClientSettings of(String host, Map<String, Integer> listenPorts, boolean imap) {
        List<ClientService> services = new ArrayList<>();
        if (imap) {
            services.add(new ClientService(Protocol.IMAP, Security.TLS, IMAPS_PORT));
            services.add(new ClientService(Protocol.IMAP, Security.STARTTLS, IMAP_PORT));
        }
        add(services, port(listenPorts, LISTEN_POP3S), Protocol.POP3, Security.TLS);
        add(services, port(listenPorts, LISTEN_POP3), Protocol.POP3, Security.STARTTLS);
        add(services, port(listenPorts, LISTEN_SMTPS), Protocol.SMTP, Security.TLS);
        add(services, port(listenPorts, LISTEN_SUBMISSION), Protocol.SMTP, Security.STARTTLS);
        return new ClientSettings(host, services, port(listenPorts, LISTEN_HTTPS));
    }

    private static void add(List<ClientService> services, OptionalInt port, Protocol protocol, Security security) {
        port.ifPresent(p -> services.add(new ClientService(protocol, security, p)));
    }

    private static OptionalInt port(Map<String, Integer> ports, String file) {
        Integer port = ports.get(file);
        return port == null || port == 0 ? OptionalInt.empty() : OptionalInt.of(port);
    }

    /** The services that read mail, preferred first. */
    public List<ClientService> incoming() {
        return services.stream().filter(ClientService::incoming).toList();
    }

    /** The services that send mail, preferred first. */
    public List<ClientService> outgoing() {
        return services.stream().filter(service -> !service.incoming()).toList();
    }

    /** The preferred service of {@code protocol}, if there is one. */
    public Optional<ClientService> first(Protocol protocol) {
        return services.stream().filter(service -> service.protocol() == protocol).findFirst();
    }

    /** The service of {@code protocol} with TLS started as {@code security}, if there is one. */
    public Optional<ClientService> find(Protocol protocol, Security security) {
        return services.stream().filter(s -> s.protocol() == protocol && s.security() == security).findFirst();
    }

    /** Labels of letters, digits, underscores and inner hyphens, joined by dots; no empty label. */
    static boolean validHost(String host) {
        return host.length() <= 253 && host.matches(LABEL + "(\\." + LABEL + ")*");
    }
}
