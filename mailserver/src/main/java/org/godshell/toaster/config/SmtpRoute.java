package org.godshell.toaster.config;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/** Where {@code control/smtproutes} sends mail for a domain: to its MX hosts, or to one relay. */
public sealed interface SmtpRoute {

    /** Look up the domain's MX records as usual (an empty relay, or no matching line). */
    record UseMx() implements SmtpRoute {}

    /**
     * Send to this relay as if it were the domain's only MX (qmail-remote(8)).
     *
     * @param host    the relay as written: a host name, or an address literal such as {@code [192.0.2.1]}
     * @param address the literal's address, empty for a host name (then its A/AAAA records are used)
     * @param port    the TCP port, 25 unless the line names one
     */
    record Relay(String host, Optional<InetAddress> address, int port) implements SmtpRoute {
        public Relay {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(address, "address");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }
    }
}
