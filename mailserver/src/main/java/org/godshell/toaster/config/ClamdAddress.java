package org.godshell.toaster.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code control/clamd}, the toaster's own file: where {@code builtin:clamav} finds clamd. One line: the absolute
 * path of clamd's unix socket (its {@code LocalSocket}), or {@code address:port} of its {@code TCPSocket}, an IPv6
 * address in brackets as in URLs (RFC 3986 §3.2.2). Missing: Debian's socket, {@link #DEFAULT}. IP literals only,
 * as in every control file: a name would need a DNS lookup that no scan timeout could bound.
 */
public final class ClamdAddress {

    /** Where Debian's clamav-daemon listens (its clamd.conf: {@code LocalSocket /var/run/clamav/clamd.ctl}). */
    public static final UnixDomainSocketAddress DEFAULT = UnixDomainSocketAddress.of("/var/run/clamav/clamd.ctl");

    /** {@code sun_path} holds 108 bytes on Linux, the terminating NUL included (unix(7)). */
    static final int MAX_SOCKET_PATH = 107;

    private static final String EXAMPLE = "write the path of clamd's LocalSocket, such as /var/run/clamav/clamd.ctl, "
            + "or the address and port of its TCPSocket, such as 127.0.0.1:3310 or [::1]:3310";

    private ClamdAddress() {
    }

    static SocketAddress parse(Path file, List<ControlFile.Line> lines) throws ConfigException {
        ControlFile.Line line = lines.get(0);
        String t = line.text().strip();
        if (t.isEmpty()) {
            throw new ConfigException(file, line.number(), "is empty; " + EXAMPLE + ", or remove the file for "
                    + DEFAULT.getPath());
        }
        if (t.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new ConfigException(file, line.number(), "holds a control character; " + EXAMPLE);
        }
        return t.startsWith("/") ? socket(file, line, t) : tcp(file, line, t);
    }

    /** How {@code toaster showconfig} and the logs write an address: as the file would. */
    public static String describe(SocketAddress address) {
        return ScannerAddress.describe(address);
    }

    private static SocketAddress socket(Path file, ControlFile.Line line, String path) throws ConfigException {
        if (path.getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
            throw new ConfigException(file, line.number(), "the socket path is longer than " + MAX_SOCKET_PATH
                    + " bytes, which a unix socket cannot be; move clamd's LocalSocket to a shorter path");
        }
        return UnixDomainSocketAddress.of(path);
    }

    private static SocketAddress tcp(Path file, ControlFile.Line line, String t) throws ConfigException {
        int colon = t.lastIndexOf(':');
        String host = colon < 0 ? t : t.substring(0, colon);
        String port = colon < 0 ? "" : t.substring(colon + 1);
        Optional<byte[]> bytes;
        if (host.startsWith("[") && host.endsWith("]")) {
            bytes = IpLiteral.ipv6(host.substring(1, host.length() - 1));
        } else if (host.contains(":") || host.contains("[") || host.contains("]")) {
            throw new ConfigException(file, line.number(), "\"" + shown(t) + "\": an IPv6 address goes "
                    + "in brackets before the port, such as [::1]:3310");
        } else {
            bytes = IpLiteral.ipv4(host);
        }
        if (bytes.isEmpty()) {
            throw new ConfigException(file, line.number(), "\"" + shown(t) + "\" is neither an absolute "
                    + "socket path nor an IP address and port (host names are not looked up); " + EXAMPLE);
        }
        int p = port.matches("[1-9][0-9]{0,4}") ? Integer.parseInt(port) : -1;
        if (p < 1 || p > 65535) {
            throw new ConfigException(file, line.number(), "\"" + shown(port) + "\" is not a port; "
                    + "write the TCPSocket of clamd.conf, a whole number from 1 to 65535, such as 127.0.0.1:3310");
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(bytes.get()), p);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("IpLiteral returned " + bytes.get().length + " bytes", e);
        }
    }

    /** A value as an error message quotes it: cut, since a line may be megabytes long. */
    private static String shown(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
