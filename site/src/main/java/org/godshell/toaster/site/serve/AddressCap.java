package org.godshell.toaster.site.serve;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;

/**
 * At most {@code max} open connections from one client, all connectors together: one more is closed as soon as
 * it opens, before a byte of it is read. Without it one address could hold every slot of the server-wide cap and
 * keep everyone else out (issue 18 #14). A client is an IPv4 address or an IPv6 /64, the smallest block a home
 * or a server usually gets, so rotating through one's own IPv6 addresses gains nothing.
 *
 * <p>Added to the first connection factory of each connector only (TLS, or plain HTTP), so a TLS socket, which
 * also carries an HTTP connection, counts once. Thread-safe.
 */
final class AddressCap implements Connection.Listener {

    private final int max;
    private final Map<InetAddress, Integer> counts = new ConcurrentHashMap<>();
    private final Map<Connection, InetAddress> clients = new ConcurrentHashMap<>();

    AddressCap(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("a client must be allowed one connection at least");
        }
        this.max = max;
    }

    @Override
    public void onOpened(Connection connection) {
        if (!(connection.getEndPoint().getRemoteSocketAddress() instanceof InetSocketAddress remote)) {
            return;
        }
        InetAddress client = client(remote.getAddress());
        clients.put(connection, client);
        // Counted even when refused: onClosed uncounts every connection it is told of, so the sum stays right.
        if (counts.merge(client, 1, Integer::sum) > max) {
            connection.getEndPoint().close();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        InetAddress client = clients.remove(connection);
        if (client != null) {
            counts.computeIfPresent(client, (key, n) -> n == 1 ? null : n - 1);
        }
    }

    /** The address itself for IPv4; its /64 for IPv6. */
    static InetAddress client(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return address;
        }
        try {
            return InetAddress.getByAddress(Arrays.copyOf(Arrays.copyOf(bytes, 8), 16));
        } catch (UnknownHostException e) {
            throw new AssertionError("16 bytes are always an IPv6 address", e);
        }
    }
}
