package org.godshell.toaster.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code control/listen-metrics} (smtpd), {@code listen-metrics-pop3d} and {@code listen-metrics-wiki} (the wiki
 * server): where a daemon's Prometheus endpoint listens, one {@code address:port} as in {@code listen-smtp}, or
 * {@code off}. A missing file is the
 * daemon's loopback default, so metrics are there for a local agent without exposing anything; an address off
 * loopback also needs {@code control/metricstoken} and a certificate, which the daemon checks at start.
 */
public final class MetricsListen {

    /** smtpd's default: 9587 is free of the well-known ports and reads as "the 587 daemon's metrics". */
    public static final int SMTPD_PORT = 9587;
    /** pop3d's default, beside smtpd's. */
    public static final int POP3D_PORT = 9588;
    /** {@code toaster wiki serve}'s default, after pop3d's. */
    public static final int WIKI_PORT = 9589;

    private MetricsListen() {
    }

    static Optional<InetSocketAddress> loopback(int port) {
        return Optional.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    static Optional<InetSocketAddress> parse(Path file, List<ControlFile.Line> lines) throws ConfigException {
        ControlFile.Line line = lines.get(0);
        String text = line.text().strip();
        if (text.equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        if (text.isEmpty()) {
            throw new ConfigException(file, line.number(), "is empty; write off, or one address:port such as "
                    + "127.0.0.1:" + SMTPD_PORT + " (or remove the file for that default)");
        }
        // Port 0, any free port, as in listen-smtp: the daemon prints the URL it got.
        return Optional.of(ListenAddresses.parse(file, new ControlFile.Line(line.number(), text)));
    }
}
