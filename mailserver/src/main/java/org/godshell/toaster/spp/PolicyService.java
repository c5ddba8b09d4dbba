package org.godshell.toaster.spp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.godshell.toaster.net.Deadline;

/**
 * Where a Postfix policy server listens ({@code inet:HOST:PORT} or {@code unix:/path}), and one request to it.
 *
 * <p>One connection per request: Postfix keeps connections open and reuses them, but a fresh connection needs no
 * pool, cannot hand one session's half-read answer to another, and costs a loopback connect, which is small
 * next to what a policy server does. Thread-safe: it holds no connection.
 *
 * @param unix the socket file for {@code unix:}, else null
 * @param host the host for {@code inet:}, resolved at each request, else null
 */
record PolicyService(Path unix, String host, int port) {

    /** Far more than one {@code action=} line; a server that says more is broken or hostile. */
    static final int MAX_RESPONSE = 8 * 1024;
    private static final Pattern END = Pattern.compile("(?s)\\A((?:.*?\\n)?)\\r?\\n");

    /** Why a request got no usable answer: the plugin fails (451), it never lets the command through. */
    static final class Failure extends Exception {

        @java.io.Serial
        private static final long serialVersionUID = 1L;

        Failure(String reason) {
            super(reason);
        }
    }

    /** Reads what follows {@code policy:}, in Postfix's own notation (check_policy_service). */
    static PolicyService parse(String target) throws PluginFactory.BadPlugin {
        String example = "; write policy:inet:127.0.0.1:10023 or policy:unix:/path/to/socket";
        if (target.startsWith("unix:")) {
            String path = target.substring(5).strip();
            if (!path.startsWith("/")) {
                throw new PluginFactory.BadPlugin("'" + path + "' is not an absolute socket path" + example);
            }
            return new PolicyService(Path.of(path), null, 0);
        }
        if (!target.startsWith("inet:")) {
            throw new PluginFactory.BadPlugin("'" + target + "' is not inet:HOST:PORT or unix:PATH" + example);
        }
        String address = target.substring(5).strip();
        int colon = address.lastIndexOf(':');
        String host = colon < 0 ? "" : address.substring(0, colon);
        String port = colon < 0 ? "" : address.substring(colon + 1);
        boolean bracketed = host.startsWith("[") && host.endsWith("]");
        if (bracketed) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty() || host.matches(".*[\\s\\[\\]/].*") || !bracketed && host.contains(":") || !port.matches("[1-9][0-9]{0,4}")
                || Integer.parseInt(port) > 65535) {
            throw new PluginFactory.BadPlugin("'" + address + "' is not HOST:PORT (an IPv6 address goes in "
                    + "brackets: inet:[::1]:10023)" + example);
        }
        return new PolicyService(null, host, Integer.parseInt(port));
    }

    /**
     * Sends {@code request} (attributes and the empty line that ends them) and returns the answer up to its empty
     * line. The whole exchange, connect included, must end within {@code timeout}: past it the connection is
     * closed under the blocked read, as a plugin process is killed.
     */
    String ask(String request, Duration timeout) throws Failure {
        Deadline deadline = Deadline.start(timeout);
        try (deadline; SocketChannel channel = unix != null ? SocketChannel.open(StandardProtocolFamily.UNIX)
                : SocketChannel.open()) {
            deadline.watch(channel);
            channel.connect(address());
            ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8));
            while (out.hasRemaining()) {
                channel.write(out);
            }
            return readAnswer(channel);
        } catch (IOException e) {
            if (deadline.passed()) {
                throw new Failure("timeout after " + timeout.toSeconds() + " s from " + this);
            }
            throw new Failure(this + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private SocketAddress address() {
        return unix != null ? UnixDomainSocketAddress.of(unix) : new InetSocketAddress(host, port);
    }

    private String readAnswer(SocketChannel channel) throws IOException, Failure {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(1024);
        while (true) {
            buffer.clear();
            int n = channel.read(buffer);
            if (n < 0) {
                throw new Failure(this + " closed the connection before the empty line that ends an answer");
            }
            answer.write(buffer.array(), 0, n);
            // A server written for Windows may end its lines with CRLF; Postfix would only see a stray CR.
            Matcher end = END.matcher(answer.toString(StandardCharsets.UTF_8));
            if (end.find()) {
                return end.group(1);
            }
            if (answer.size() > MAX_RESPONSE) {
                throw new Failure(this + " answered more than " + MAX_RESPONSE + " bytes");
            }
        }
    }

    @Override
    public String toString() {
        return unix != null ? "unix:" + unix : "inet:" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
