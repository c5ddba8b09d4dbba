package org.godshell.toaster.config;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.godshell.toaster.mailclients.ClientSettings;

/**
 * What mail clients are told about this toaster ({@link ClientSettings}), from the listen files of the services
 * they use: the port of each file's first address (and, for HTTPS behind another web server, {@code wikiurl}'s
 * port). Read by {@code toaster wiki serve} when it starts, for the
 * documents clients configure themselves from, and by {@code toaster dns}, for the SRV records.
 */
public final class ClientPorts {

    /** The files read, each named as {@link ClientSettings#of} knows it. */
    static final List<Key<List<InetSocketAddress>>> FILES = List.of(ControlFiles.LISTEN_SUBMISSION,
            ControlFiles.LISTEN_SMTPS, ControlFiles.LISTEN_POP3, ControlFiles.LISTEN_POP3S, ControlFiles.LISTEN_HTTPS);

    private ClientPorts() {
    }

    /**
     * The settings of the services on {@code host} (control/me, or the install's host name); {@code imap}: whether
     * Dovecot serves IMAP beside them.
     */
    public static ClientSettings read(Reads r, String host, boolean imap) throws ConfigException {
        Map<String, Integer> ports = new HashMap<>();
        for (Key<List<InetSocketAddress>> key : FILES) {
            List<InetSocketAddress> addresses = r.get(key);
            if (!addresses.isEmpty()) {
                ports.put(key.name(), addresses.getFirst().getPort());
            }
        }
        if (!ports.containsKey(ClientSettings.LISTEN_HTTPS)) {
            // Behind the admin's own web server, HTTPS is where wikiurl says.
            r.get(ControlFiles.WIKIURL).map(URI::create).filter(url -> url.getScheme().equals("https"))
                    .ifPresent(url -> ports.put(ClientSettings.LISTEN_HTTPS, url.getPort() < 0 ? 443 : url.getPort()));
        }
        return ClientSettings.of(host, ports, imap);
    }
}
