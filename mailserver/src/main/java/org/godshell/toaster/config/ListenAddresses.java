package org.godshell.toaster.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code control/listen-smtp}, the toaster's own file (qmail left this to tcpserver's command line): one
 * {@code address:port} per line, IPv6 in brackets as in URLs (RFC 3986 §3.2.2): {@code 0.0.0.0:25},
 * {@code [::]:25}, {@code 127.0.0.1:2525}. IP literals only: a name would need DNS at start-up.
 */
public final class ListenAddresses {

    static final String EXAMPLE = "such as 0.0.0.0:25, [::]:25 or 127.0.0.1:2525";

    private ListenAddresses() {
    }

    static List<InetSocketAddress> parse(Path file, List<ControlFile.Line> lines) throws ConfigException {
        if (lines.isEmpty()) {
            throw new ConfigException(file, 0, "lists no address to listen on; write one address:port per line, "
                    + EXAMPLE + ", or remove the file");
        }
        List<InetSocketAddress> out = new ArrayList<>();
        Map<InetSocketAddress, Integer> seen = new HashMap<>();
        for (ControlFile.Line line : lines) {
            InetSocketAddress a = parse(file, line);
            Integer earlier = seen.putIfAbsent(a, line.number());
            if (earlier != null) {
                throw new ConfigException(file, line.number(), "\"" + line.text() + "\" is already on line "
                        + earlier + "; list each address once");
            }
            out.add(a);
        }
        return List.copyOf(out);
    }

    static InetSocketAddress parse(Path file, ControlFile.Line line) throws ConfigException {
        String t = line.text();
        int colon = t.lastIndexOf(':');
        if (colon < 0) {
            throw new ConfigException(file, line.number(), "\"" + t + "\" has no port; write address:port, "
                    + EXAMPLE);
        }
        String host = t.substring(0, colon);
        String port = t.substring(colon + 1);
        Optional<byte[]> bytes;
        if (host.startsWith("[") && host.endsWith("]")) {
            bytes = IpLiteral.ipv6(host.substring(1, host.length() - 1));
        } else if (host.indexOf(':') >= 0) {
            throw new ConfigException(file, line.number(), "\"" + t + "\": put an IPv6 address in brackets, "
                    + "such as [::1]:25, so that its colons are not read as the port's");
        } else {
            bytes = IpLiteral.ipv4(host);
        }
        if (bytes.isEmpty()) {
            throw new ConfigException(file, line.number(), "\"" + host + "\" is not an IP address; write one, "
                    + EXAMPLE + " (host names are not looked up)");
        }
        // Port 0 asks the system for a free port: tests and throwaway instances use it; smtpd prints the real one.
        int p = port.matches("0|[1-9][0-9]{0,4}") ? Integer.parseInt(port) : -1;
        if (p < 0 || p > 65535) {
            throw new ConfigException(file, line.number(), "\"" + port + "\" is not a port; write a whole number "
                    + "from 1 to 65535, such as 25 (0: any free port)");
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(bytes.get()), p);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("IpLiteral returned " + bytes.get().length + " bytes", e);
        }
    }
}
