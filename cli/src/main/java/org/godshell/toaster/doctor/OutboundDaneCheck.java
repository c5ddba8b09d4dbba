package org.godshell.toaster.doctor;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ControlFiles;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.dane.DnssecSupport;
import org.godshell.toaster.dane.SecureDns;
import org.godshell.toaster.dane.TrustAnchors;
import org.godshell.toaster.dns.Dns;
import org.godshell.toaster.hostcheck.Finding;

/**
 * Whether delivery can hold other domains to their DANE records: it does only while the nameservers of
 * {@code control/dnsservers} pass DNSSEC through ({@link DnssecSupport}), the same probe delivery makes. A
 * warning when they do not, since mail then goes out as if no domain published TLSA records.
 */
public record OutboundDaneCheck(Path control, Dns dns, Clock clock) {

    static final Duration LOOKUP = Duration.ofSeconds(5);

    public Finding check() {
        TrustAnchors anchors;
        try {
            anchors = Controls.once(control).get(ControlFiles.DNSSECTRUSTANCHORS);
        } catch (ConfigException e) {
            return Finding.fail("DANE for mail out: " + e.getMessage());
        }
        DnssecSupport support = new DnssecSupport(SecureDns.of(dns, anchors), anchors, LOOKUP, clock, line -> { });
        String how = support.describe();
        return support.available()
                ? Finding.ok("DANE for mail out: " + how + " through " + dns.describe() + ", so TLSA records apply")
                : Finding.warn("DANE for mail out is off: " + how + " (nameservers " + dns.describe() + "); mail goes"
                        + " out as if no domain published TLSA records; use a resolver that passes DNSSEC through, "
                        + "such as Unbound on this host (wiki page Transport security)");
    }
}
