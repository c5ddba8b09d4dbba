package org.godshell.toaster.deliver.remote;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import org.godshell.toaster.config.SmarthostAuth;

/**
 * One address of one host to try.
 *
 * @param name        the host as DNS or smtproutes names it ({@code Remote-MTA}), or the address literal
 * @param address     the address to connect to
 * @param port        the TCP port
 * @param credentials the smarthost login for this host, when smtproutes routes to it and one is configured
 */
record Target(String name, InetAddress address, int port, Optional<SmarthostAuth.Credentials> credentials) {

    Target {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(credentials, "credentials");
    }

    InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }

    /** {@code mx.example.org [192.0.2.1]:25}, the port only when it is not 25. */
    String describe() {
        return name + " [" + address.getHostAddress() + "]" + (port == 25 ? "" : ":" + port);
    }
}
