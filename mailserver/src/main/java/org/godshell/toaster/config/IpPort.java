package org.godshell.toaster.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One {@code address[:port]} of a control file ({@code dnsservers}, {@code rspamd}): an IPv4 literal, or an IPv6
 * literal, in brackets when a port follows, as in URLs (RFC 3986 §3.2.2). IP literals only, never a name: reading
 * a control file must not need DNS.
 */
final class IpPort {

    /** Longer than any address with a port ({@code [v6]:65535} is 47 characters): a longer line is a mistake. */
    static final int MAX_LENGTH = 64;

    private IpPort() {
    }

    /**
     * @param defaultPort the port when the line gives none
     * @param example     a few good lines for the error messages, "such as ..."
     */
    static InetSocketAddress parse(Path file, ControlFile.Line line, int defaultPort, String example)
            throws ConfigException {
        String t = line.text().strip();
        if (t.length() > MAX_LENGTH) {
            throw new ConfigException(file, line.number(), "\"" + shown(t) + "\" is too long for an address; write "
                    + "one IP address[:port], " + example);
        }
        String host = t;
        String port = Integer.toString(defaultPort);
        Optional<byte[]> bytes;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            String rest = close < 0 ? "?" : t.substring(close + 1);
            if (close < 0 || !(rest.isEmpty() || rest.startsWith(":"))) {
                throw new ConfigException(file, line.number(), "\"" + shown(t) + "\": write [IPv6 address] or "
                        + "[IPv6 address]:port, " + example);
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
            throw new ConfigException(file, line.number(), "\"" + shown(host) + "\" is not an IP address; write one, "
                    + example + " (host names are not looked up)");
        }
        int p = port.matches("[1-9][0-9]{0,4}") ? Integer.parseInt(port) : -1;
        if (p < 1 || p > 65535) {
            throw new ConfigException(file, line.number(), "\"" + shown(port) + "\" is not a port; write a whole "
                    + "number from 1 to 65535, or leave it out for " + defaultPort);
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(bytes.get()), p);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("IpLiteral returned " + bytes.get().length + " bytes", e);
        }
    }

    /** The text as an error message may quote it: control characters as {@code ?}, at most 80 characters. */
    static String shown(String text) {
        String cut = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return cut.replaceAll("[\\x00-\\x1f\\x7f]", "?");
    }
}
