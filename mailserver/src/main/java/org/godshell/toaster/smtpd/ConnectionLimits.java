package org.godshell.toaster.smtpd;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import org.godshell.toaster.config.SmtpConfig;
import org.godshell.toaster.config.TcpRules;
import org.godshell.toaster.net.DescriptorBudget;

/**
 * The limits one SMTP connection is held to. {@code concurrencyincoming} holds for everyone (lowered to what the
 * open-files limit carries); {@code concurrencyperip} holds for everyone but the toaster's own networks, as
 * Postfix exempts {@code mynetworks} from its per-client limits ({@code smtpd_client_event_limit_exceptions}):
 * a relay, a webmail or a mailing-list host of our own sends bursts of sessions and is not a stranger to ration.
 *
 * <p>Own networks are the clients the toaster already trusts to relay: loopback ({@code 127.0.0.0/8}, {@code ::1},
 * and their IPv4-mapped forms), and any client a {@code tcp.smtp} rule gives {@code RELAYCLIENT}. Behind a proxy
 * listed in {@code proxyfrom} the client is the one its PROXY header names, so a proxy on this host does not
 * make every internet client "loopback". A login comes too late to count: the limit is applied at connect.
 *
 * @param total      the most connections the server takes
 * @param perAddress the most from this client's address ({@link Integer#MAX_VALUE}: not limited)
 */
record ConnectionLimits(int total, int perAddress) {

    private static final byte[] IPV6_LOOPBACK = new byte[16];

    static {
        IPV6_LOOPBACK[15] = 1;
    }

    static ConnectionLimits of(SmtpConfig config, DescriptorBudget descriptors, InetAddress client,
            TcpRules.Rule rule) {
        int total = descriptors.clamp(config.maxConnections());
        return new ConnectionLimits(total, ownNetwork(client, rule) ? Integer.MAX_VALUE
                : config.maxConnectionsPerIp());
    }

    /** Loopback, or a tcp.smtp rule that lets the client relay. */
    static boolean ownNetwork(InetAddress client, TcpRules.Rule rule) {
        return loopback(client) || rule.variables().containsKey("RELAYCLIENT");
    }

    /**
     * 127.0.0.0/8 or ::1, also as ::ffff:127.x.y.z; not the deprecated IPv4-compatible ::127.x.y.z, which no
     * kernel delivers as loopback.
     */
    static boolean loopback(InetAddress client) {
        byte[] address = client.getAddress();
        if (client instanceof Inet6Address && isMapped(address)) {
            return address[12] == 127;
        }
        return address.length == 4 ? address[0] == 127 : Arrays.equals(address, IPV6_LOOPBACK);
    }

    private static boolean isMapped(byte[] v6) {
        for (int i = 0; i < 10; i++) {
            if (v6[i] != 0) {
                return false;
            }
        }
        return v6[10] == (byte) 0xff && v6[11] == (byte) 0xff;
    }
}
