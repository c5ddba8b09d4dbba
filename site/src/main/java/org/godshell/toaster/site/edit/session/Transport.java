package org.godshell.toaster.site.edit.session;

import java.net.InetAddress;
import java.util.Optional;

/**
 * Where a password may travel: over HTTPS, or over plain HTTP from this host itself (a loopback address), where
 * nothing on the way can read it. The same rule as for {@code git push} over HTTP.
 */
public final class Transport {

    private Transport() {
    }

    public static boolean passwordMayTravel(boolean secure, Optional<InetAddress> client) {
        return secure || client.map(InetAddress::isLoopbackAddress).orElse(false);
    }
}
