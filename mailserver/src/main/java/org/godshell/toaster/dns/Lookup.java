package org.godshell.toaster.dns;

import java.net.Inet4Address;
import java.util.List;

/** What a lookup gave: temporary vs permanent is a type, as everywhere a result can be either. */
public sealed interface Lookup {

    /** The name has these IPv4 addresses (at least one). */
    record Found(List<Inet4Address> addresses) implements Lookup {
        public Found {
            addresses = List.copyOf(addresses);
            if (addresses.isEmpty()) {
                throw new IllegalArgumentException("Found needs an address; use NoAddress");
            }
        }
    }

    /** A nameserver said the name does not exist (NXDOMAIN) or has no A record (NOERROR, no data). */
    record NoAddress(String why) implements Lookup {}

    /** No usable answer: every nameserver timed out, failed (SERVFAIL, REFUSED) or could not be reached. */
    record Temporary(String reason) implements Lookup {}
}
