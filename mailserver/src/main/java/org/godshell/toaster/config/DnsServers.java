package org.godshell.toaster.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
            servers.add(IpPort.parse(file, line, 53, EXAMPLE));
        }
        return List.copyOf(servers);
    }
}
