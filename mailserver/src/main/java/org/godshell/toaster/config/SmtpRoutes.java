package org.godshell.toaster.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code control/smtproutes}, qmail's artificial SMTP routes (qmail-remote(8)): one {@code domain:relay} or
 * {@code domain:relay:port} per line, without spaces. {@code .domain:relay} matches every subdomain of
 * {@code domain} but not {@code domain} itself; an empty domain ({@code :relay}) matches everything; an empty
 * relay ({@code domain:}) means "look up MX records as usual". A relay may be an address literal,
 * {@code [192.0.2.1]} or {@code [2001:db8::25]}, or a bare IPv4 address ({@code 192.0.2.1}), which qmail-remote
 * also takes as the address; a bare IPv6 address or a malformed dotted quad is refused at start.
 *
 * <p>Which line applies is qmail-remote's rule: the most specific one. The whole domain is tried first, then
 * each {@code .suffix} from the longest, then the empty domain, so {@code :smarthost} never hides a line
 * written for one domain, wherever the lines are. Two lines for the same domain are refused: qmail would
 * silently use the last, a trap that SME Server's templates document at length.
 */
public final class SmtpRoutes {

    static final String FORMAT = "write domain:relay, domain:relay:port, .domain:relay for subdomains, "
            + ":relay for all domains, or domain: to use MX records";

    private static final SmtpRoute MX = new SmtpRoute.UseMx();

    private final Map<String, SmtpRoute> routes;

    private SmtpRoutes(Map<String, SmtpRoute> routes) {
        this.routes = Map.copyOf(routes);
    }

    /** No routes: every domain goes to its MX hosts. */
    public static SmtpRoutes none() {
        return new SmtpRoutes(Map.of());
    }

    static SmtpRoutes parse(Path file, List<ControlFile.Line> lines) throws ConfigException {
        Map<String, SmtpRoute> routes = new HashMap<>();
        Map<String, Integer> where = new HashMap<>();
        for (ControlFile.Line line : lines) {
            String text = line.text();
            if (text.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
                throw new ConfigException(file, line.number(), "\"" + printable(text) + "\" contains a space "
                        + "or control character; qmail routes have none: " + FORMAT);
            }
            int colon = text.indexOf(':');
            if (colon < 0) {
                throw new ConfigException(file, line.number(), "\"" + text + "\" has no colon; " + FORMAT);
            }
            String domain = text.substring(0, colon).toLowerCase(Locale.ROOT);
            checkDomain(file, line.number(), domain);
            SmtpRoute route = relay(file, line.number(), text.substring(colon + 1));
            Integer first = where.putIfAbsent(domain, line.number());
            if (first != null) {
                throw new ConfigException(file, line.number(), "routes \"" + (domain.isEmpty() ? "(all domains)"
                        : domain) + "\" again; line " + first + " already does: keep one of the two lines");
            }
            routes.put(domain, route);
        }
        return new SmtpRoutes(routes);
    }

    /** The route for {@code domain}: the most specific matching line, as qmail-remote.c looks it up. */
    public SmtpRoute route(String domain) {
        String host = domain.toLowerCase(Locale.ROOT);
        for (int i = 0; i <= host.length(); i++) {
            if (i == 0 || i == host.length() || host.charAt(i) == '.') {
                SmtpRoute route = routes.get(host.substring(i));
                if (route != null) {
                    return route;
                }
            }
        }
        return MX;
    }

    /** An address literal, {@code [192.0.2.1]} or {@code [2001:db8::1]} (also {@code [IPv6:...]}, RFC 5321 §4.1.3). */
    public static Optional<InetAddress> addressLiteral(String text) {
        if (text.length() < 3 || text.charAt(0) != '[' || text.charAt(text.length() - 1) != ']') {
            return Optional.empty();
        }
        String inside = text.substring(1, text.length() - 1);
        Optional<byte[]> bytes = inside.regionMatches(true, 0, "IPv6:", 0, 5)
                ? IpLiteral.ipv6(inside.substring(5))
                : inside.indexOf(':') >= 0 ? IpLiteral.ipv6(inside) : IpLiteral.ipv4(inside);
        try {
            return bytes.isEmpty() ? Optional.empty() : Optional.of(InetAddress.getByAddress(bytes.get()));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("IpLiteral returned " + bytes.get().length + " bytes", e);
        }
    }

    /**
     * A bare dotted quad as the relay ({@code example.com:192.0.2.1}) is that address, not a host name: qmail-remote
     * passes the relay to {@code dns_ip}, which takes a string that {@code ip_scan} reads whole (or a bracketed
     * one) as the address without asking DNS.
     */
    private static Optional<InetAddress> bareIpv4(String host) {
        return IpLiteral.ipv4(host).map(bytes -> {
            try {
                return InetAddress.getByAddress(bytes);
            } catch (UnknownHostException e) {
                throw new IllegalStateException("IpLiteral returned " + bytes.length + " bytes", e);
            }
        });
    }

    private static void checkDomain(Path file, int number, String domain) throws ConfigException {
        String name = domain.startsWith(".") ? domain.substring(1) : domain;
        if (domain.isEmpty()) {
            return;
        }
        if (!Values.isHostName(name) || name.startsWith("-") || name.endsWith("-")) {
            throw new ConfigException(file, number, "\"" + domain + "\" is not a domain; " + FORMAT);
        }
    }

    private static SmtpRoute relay(Path file, int number, String rest) throws ConfigException {
        if (rest.isEmpty()) {
            return MX;
        }
        String host = rest;
        String port = null;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new ConfigException(file, number, "\"" + rest + "\" opens [ but never closes it; "
                        + "write an address literal such as [192.0.2.1] or [2001:db8::25]");
            }
            host = rest.substring(0, close + 1);
            String after = rest.substring(close + 1);
            if (!after.isEmpty() && !after.startsWith(":")) {
                throw new ConfigException(file, number, "\"" + after + "\" after " + host + "; " + FORMAT);
            }
            port = after.isEmpty() ? null : after.substring(1);
        } else {
            int colon = rest.indexOf(':');
            if (colon >= 0 && rest.indexOf(':', colon + 1) >= 0 && IpLiteral.ipv6(rest).isPresent()) {
                throw new ConfigException(file, number, "\"" + rest + "\" is an IPv6 address, whose colons read as "
                        + "a port; write it in brackets: [" + rest + "]");
            }
            if (colon >= 0) {
                host = rest.substring(0, colon);
                port = rest.substring(colon + 1);
            }
        }
        if (host.isEmpty()) {
            throw new ConfigException(file, number, "names a port but no relay; " + FORMAT);
        }
        Optional<InetAddress> literal = host.startsWith("[") ? addressLiteral(host) : bareIpv4(host);
        if (host.startsWith("[") && literal.isEmpty()) {
            throw new ConfigException(file, number, "\"" + host + "\" is not an address literal; write one such "
                    + "as [192.0.2.1] or [2001:db8::25]");
        }
        // RFC 1123 §2.1: a host name's last label is never all digits, so "192.0.2.300" or "10.1.2" is a
        // mistyped address; looked up in DNS it would only fail at delivery and bounce the mail.
        if (literal.isEmpty() && host.substring(host.lastIndexOf('.') + 1).matches("[0-9]+")) {
            throw new ConfigException(file, number, "\"" + host + "\" is neither an IPv4 address nor a host "
                    + "name; write four numbers from 0 to 255, such as 192.0.2.1");
        }
        if (literal.isEmpty() && (!Values.isHostName(host) || host.startsWith("-") || host.endsWith("-"))) {
            throw new ConfigException(file, number, "\"" + host + "\" is not a relay host name; " + FORMAT);
        }
        int p = 25;
        if (port != null) {
            p = port.matches("[1-9][0-9]{0,4}") ? Integer.parseInt(port) : -1;
            if (p < 1 || p > 65535) {
                throw new ConfigException(file, number, "\"" + port + "\" is not a port; write a whole number "
                        + "from 1 to 65535, or leave out \":port\" for 25");
            }
        }
        return new SmtpRoute.Relay(host.toLowerCase(Locale.ROOT), literal, p);
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> out.append(c < 0x20 || c == 0x7f ? "\\x" + String.format("%02x", c)
                : Character.toString(c)));
        return out.toString();
    }
}
