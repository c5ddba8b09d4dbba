package org.godshell.toaster.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a content scanner that the server asks about each message listens, as its control file names it
 * ({@code control/rspamd}): {@code address[:port]} with an IP literal ({@code 127.0.0.1:11333},
 * {@code [::1]:11333}), or the absolute path of a unix socket ({@code /run/rspamd/normal.sock}). Never a host
 * name: reading a control file must not need DNS, and the scanner is on this host or next to it.
 */
public final class ScannerAddress {

    /** {@code sun_path} holds 108 bytes on Linux, the terminating NUL included (unix(7)). */
    static final int MAX_SOCKET_PATH = 107;

    private ScannerAddress() {
    }

    /** {@code 127.0.0.1:port}: where a scanner installed on this host listens by default. */
    static InetSocketAddress loopback(int port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }

    /** The first line of the file as a socket address; {@code defaultPort} when an IP address has no port. */
    static SocketAddress parse(Path file, List<ControlFile.Line> lines, int defaultPort) throws ConfigException {
        ControlFile.Line line = lines.get(0);
        String t = line.text().strip();
        String example = "such as 127.0.0.1:" + defaultPort + ", [::1]:" + defaultPort
                + " or /run/rspamd/normal.sock";
        if (t.isEmpty()) {
            throw new ConfigException(file, line.number(), "is empty; write one address[:port] or socket path, "
                    + example + ", or remove the file for the default");
        }
        if (!t.startsWith("/")) {
            return IpPort.parse(file, line, defaultPort, example);
        }
        if (!t.matches("/[!-~]*")) {
            throw new ConfigException(file, line.number(), "\"" + IpPort.shown(t) + "\": a socket path is printable "
                    + "ASCII without spaces; write one " + example);
        }
        if (t.getBytes(StandardCharsets.US_ASCII).length > MAX_SOCKET_PATH) {
            throw new ConfigException(file, line.number(), "the socket path is longer than " + MAX_SOCKET_PATH
                    + " bytes, which a unix socket address cannot hold; write a shorter one, " + example);
        }
        if (t.endsWith("/") || List.of(t.split("/")).contains("..")) {
            throw new ConfigException(file, line.number(), "\"" + IpPort.shown(t) + "\" is not the path of a "
                    + "socket file; write the socket's own path, " + example);
        }
        return UnixDomainSocketAddress.of(t);
    }

    /** As {@code toaster showconfig} writes it: {@code 127.0.0.1:11333}, {@code [::1]:11333} or the path. */
    public static String describe(SocketAddress address) {
        return switch (address) {
            case UnixDomainSocketAddress unix -> unix.getPath().toString();
            case InetSocketAddress inet -> (inet.getAddress() instanceof Inet6Address
                    ? "[" + inet.getAddress().getHostAddress() + "]" : inet.getAddress().getHostAddress()) + ":"
                    + inet.getPort();
            default -> address.toString();
        };
    }
}
