package org.godshell.toaster.smtpd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HexFormat;
import org.godshell.toaster.config.ControlFiles;
import org.godshell.toaster.config.SmtpConfig;
import org.godshell.toaster.config.TcpRules;
import org.godshell.toaster.net.ConnectionLimiter;
import org.godshell.toaster.net.DescriptorBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which clients are our own networks (spared concurrencyperip) and what limits a connection gets. */
class ConnectionLimitsTest {

    private static final DescriptorBudget PLENTY = new DescriptorBudget(1 << 20);
    private static final String RULES = "10.1.:allow,RELAYCLIENT=\"\"\n2001:db8:1::/48:allow,RELAYCLIENT=\"\"\n"
            + "192.0.2.:allow,RBLSMTPD=\"\"\n";

    private static TcpRules rules() throws Exception {
        return TcpRules.parse(RULES, "tcp.smtp");
    }

    private static boolean own(InetAddress client) throws Exception {
        return ConnectionLimits.ownNetwork(client, rules().match(client));
    }

    @ParameterizedTest(name = "{0} is ours")
    @ValueSource(strings = {"127.0.0.1", "127.255.255.254", "::1", "::ffff:127.0.0.1", "10.1.2.3",
        "::ffff:10.1.2.3", "2001:db8:1:ffff::5"})
    void loopbackAndRelayClientsAreOurs(String address) throws Exception {
        assertTrue(own(InetAddress.getByName(address)));
    }

    @ParameterizedTest(name = "{0} is a stranger")
    @ValueSource(strings = {"128.0.0.1", "126.255.255.255", "0.0.0.0", "10.2.0.1", "192.0.2.7", "::2", "::",
        "::127.0.0.1", "2001:db8:2::1", "fe80::1", "::ffff:128.0.0.1", "255.255.255.255"})
    void anyoneElseIsAStranger(String address) throws Exception {
        assertFalse(own(InetAddress.getByName(address)));
    }

    @Test
    void aV4MappedAddressKeptAsIpv6IsJudgedByItsIpv4() throws Exception {
        byte[] mapped = HexFormat.of().parseHex("00000000000000000000ffff7f000001");
        Inet6Address loopback = Inet6Address.getByAddress(null, mapped, -1);
        assertTrue(ConnectionLimits.loopback(loopback));
        mapped[12] = (byte) 192;
        assertFalse(ConnectionLimits.loopback(Inet6Address.getByAddress(null, mapped, -1)));
    }

    @Test
    void ourNetworksHaveNoPerAddressLimitButTheTotalStill() throws Exception {
        SmtpConfig config = SmtpConfig.defaults("mx.test");
        InetAddress relay = InetAddress.getByName("10.1.0.9");
        ConnectionLimits ours = ConnectionLimits.of(config, PLENTY, relay, rules().match(relay));
        assertEquals(new ConnectionLimits(config.maxConnections(), Integer.MAX_VALUE), ours);
        InetAddress stranger = InetAddress.getByName("192.0.2.7");
        assertEquals(new ConnectionLimits(config.maxConnections(), config.maxConnectionsPerIp()),
                ConnectionLimits.of(config, PLENTY, stranger, rules().match(stranger)));

        ConnectionLimiter limiter = new ConnectionLimiter();
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.tryAcquire(relay, 3, ours.perAddress()), "a burst from our relay");
        }
        assertFalse(limiter.tryAcquire(relay, 3, ours.perAddress()), "concurrencyincoming holds for us too");
    }

    @Test
    void theTotalIsLoweredToWhatTheDescriptorsCarry() throws Exception {
        SmtpConfig config = SmtpConfig.defaults("mx.test");
        InetAddress client = InetAddress.getByName("192.0.2.7");
        ConnectionLimits limits = ConnectionLimits.of(config, new DescriptorBudget(1024), client,
                rules().match(client));
        assertEquals(Math.min(768, config.maxConnections()), limits.total());
    }

    @Test
    void theDefaultsLetARelaysBurstIn() {
        SmtpConfig config = SmtpConfig.defaults("mx.test");
        assertEquals(ControlFiles.CONCURRENCYINCOMING.fallbackText(), Integer.toString(config.maxConnections()));
        assertTrue(config.maxConnectionsPerIp() >= 50, "a burst of 50 sessions from one relay is not refused");
        assertTrue(config.maxConnections() >= 20 * config.maxConnectionsPerIp(),
                "one address cannot take more than a twentieth of the server");
    }
}
