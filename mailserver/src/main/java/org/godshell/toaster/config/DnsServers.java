package org.godshell.toaster.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code control/dnsservers}, the toaster's own file: the nameservers the server's built-in checks ask, one
 * {@code address[:port]} per line, in order (IPv6 in brackets when a port follows, as in URLs, RFC 3986
 * §3.2.2). Missing: the host's resolvers (/etc/resolv.conf). It exists so that the built-in plugins can be
 * aimed at a local caching resolver other than the host's, and tests at a fixture server on loopback. IP
 * literals only: a name would need DNS to find DNS.
 */
public final class DnsServers {

    static final String EXAMPLE = "such as 127.0.0.1, 127.0.0.1:5353 or [::1]:53";

    private DnsServers() {
    }

    static List<InetSocketAddress> parse(Path file, List<ControlFile.Line> lines) throws ConfigException {
        if (lines.isEmpty()) {
            throw new ConfigException(file, 0, "lists no nameserver; write one address[:port] per line, " + EXAMPLE
                    + ", or remove the file to use the host's resolvers");
        }
        List<InetSocketAddress> servers = new ArrayList<>();
        for (ControlFile.Line line : lines) {
            servers.add(parse(file, line));
        }
        return List.copyOf(servers);
    }

    private static InetSocketAddress parse(Path file, ControlFile.Line line) throws ConfigException {
        String t = line.text().strip();
        String host = t;
        String port = "53";
        Optional<byte[]> bytes;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            String rest = close < 0 ? "?" : t.substring(close + 1);
            if (close < 0 || !(rest.isEmpty() || rest.startsWith(":"))) {
                throw new ConfigException(file, line.number(), "\"" + t + "\": write [IPv6 address] or "
                        + "[IPv6 address]:port, " + EXAMPLE);
            }
            host = t.substring(1, close);
            port = rest.isEmpty() ? port : rest.substring(1);
            bytes = IpLiteral.ipv6(host);
        } else if (t.indexOf(':') != t.lastIndexOf(':')) {
            bytes = IpLiteral.ipv6(t);
        } else {
            int colon = t.indexOf(':');
            if (colon >= 0) {
                host = t.substring(0, colon);
                port = t.substring(colon + 1);
            }
            bytes = IpLiteral.ipv4(host);
        }
        if (bytes.isEmpty()) {
            throw new ConfigException(file, line.number(), "\"" + host + "\" is not an IP address; write one, "
                    + EXAMPLE + " (host names are not looked up)");
        }
        int p = port.matches("[1-9][0-9]{0,4}") ? Integer.parseInt(port) : -1;
        if (p < 1 || p > 65535) {
            throw new ConfigException(file, line.number(), "\"" + port + "\" is not a port; write a whole number "
                    + "from 1 to 65535, or leave it out for 53");
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(bytes.get()), p);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("IpLiteral returned " + bytes.get().length + " bytes", e);
        }
    }
}
