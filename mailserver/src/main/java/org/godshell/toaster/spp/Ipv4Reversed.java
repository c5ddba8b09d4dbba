package org.godshell.toaster.spp;

import java.util.Optional;

/**
 * The DNSBL query prefix of an IPv4 address: its four octets in reverse order (RFC 5782 §2.1), written as the
 * client's address wrote them. The same test as the rbl script's awk: four fields of one to three digits, each
 * at most 255; anything else (IPv6, odd text) has no query, and the client is not checked.
 */
final class Ipv4Reversed {

    private Ipv4Reversed() {
    }

    static Optional<String> of(String ip) {
        String[] octets = ip.split("\\.", -1);
        if (octets.length != 4) {
            return Optional.empty();
        }
        for (String octet : octets) {
            if (!octet.matches("[0-9]{1,3}") || Integer.parseInt(octet) > 255) {
                return Optional.empty();
            }
        }
        return Optional.of(octets[3] + "." + octets[2] + "." + octets[1] + "." + octets[0]);
    }
}
