package org.godshell.toaster.metrics;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;

/**
 * Another daemon's endpoint on this host whose page {@link Gathering} adds to its own: pop3d's and the wiki's,
 * gathered into smtpd's so that an admin scrapes one URL per host. Only a loopback address is a source: it is
 * spoken to in plain HTTP, and a daemon listening elsewhere is scraped on its own.
 *
 * @param daemon  who serves it, the value of the {@code daemon} label of its figures
 * @param address where it listens, on loopback
 */
public record MetricsSource(String daemon, InetSocketAddress address) {

    public MetricsSource {
        Objects.requireNonNull(daemon, "daemon");
        Objects.requireNonNull(address, "address");
        if (address.getAddress() == null || !address.getAddress().isLoopbackAddress() || address.getPort() == 0) {
            throw new IllegalArgumentException(daemon + ": only an endpoint on a loopback address and a known port "
                    + "can be gathered, not " + address);
        }
    }

    URI uri() {
        return URI.create("http://" + MetricsEndpoint.where(address) + ScrapeHandler.PATH);
    }
}
