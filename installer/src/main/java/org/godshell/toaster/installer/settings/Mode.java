package org.godshell.toaster.installer.settings;

import java.util.List;

/**
 * How the toaster runs: as a system service on the standard ports, or unprivileged (the demo and development
 * mode: no root, no system users, loopback high ports).
 */
public enum Mode {
    /** Root installs; services run as the {@code toaster} user with CAP_NET_BIND_SERVICE. */
    SYSTEM(List.of(new Listener("listen-smtp", "0.0.0.0", 25), new Listener("listen-submission", "0.0.0.0", 587),
            new Listener("listen-smtps", "0.0.0.0", 465), new Listener("listen-pop3", "0.0.0.0", 110),
            new Listener("listen-pop3s", "0.0.0.0", 995), new Listener("listen-http", "0.0.0.0", 80),
            new Listener("listen-https", "0.0.0.0", 443))),
    /** Anyone installs into a directory of their own; ports above 1024 on 127.0.0.1 only. */
    UNPRIVILEGED(List.of(new Listener("listen-smtp", "127.0.0.1", 2525),
            new Listener("listen-submission", "127.0.0.1", 2587), new Listener("listen-pop3s", "127.0.0.1", 2995),
            new Listener("listen-http", "127.0.0.1", 2080)));

    /** One listening service: its control file, address and port. */
    public record Listener(String controlFile, String address, int port) {
        public String line() {
            return address + ":" + port;
        }
    }

    private final List<Listener> listeners;

    Mode(List<Listener> listeners) {
        this.listeners = listeners;
    }

    public List<Listener> listeners() {
        return listeners;
    }
}
