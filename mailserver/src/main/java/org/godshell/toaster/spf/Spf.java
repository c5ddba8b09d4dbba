package org.godshell.toaster.spf;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.godshell.toaster.dns.Dns;

/**
 * The SPF check of one client: {@link #mailFrom} for the MAIL FROM identity, {@link #helo} for the HELO one
 * (RFC 7208 §2.3, §2.4). Thread-safe: every check has its own {@link Evaluation}.
 *
 * @param budget the time all the DNS questions of one check may take together; §4.6.4 suggests at least 20 s
 *               for a verifier, but a mail server holding a session waits less and answers temperror (451)
 */
public record Spf(Dns dns, Duration budget) {

    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(20);

    /**
     * Checks the MAIL FROM identity. For the null sender {@code <>} (empty {@code from}) the identity is
     * {@code postmaster@HELO} (§2.4); a sender without {@code @} is taken as a local part of the HELO domain.
     */
    public SpfVerdict mailFrom(InetAddress ip, String from, String helo) {
        String sender = from.isEmpty() ? "postmaster@" + helo : from.contains("@") ? from : from + "@" + helo;
        String domain = sender.substring(sender.lastIndexOf('@') + 1);
        return check(ip, sender, helo, domain, "mailfrom");
    }

    /** Checks the HELO identity: {@code postmaster@HELO}, the domain being the HELO name (§2.3). */
    public SpfVerdict helo(InetAddress ip, String helo) {
        return check(ip, "postmaster@" + helo, helo, helo, "helo");
    }

    private SpfVerdict check(InetAddress ip, String sender, String helo, String domain, String identity) {
        String name = domain.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        try {
            SpfResult result = new Evaluation(dns, ip, sender, helo, budget).checkHost(name);
            return new SpfVerdict(result, ip, sender, helo, name, identity, Optional.empty());
        } catch (SpfError e) {
            return new SpfVerdict(e.result(), ip, sender, helo, name, identity, Optional.of(e.getMessage()));
        }
    }
}
