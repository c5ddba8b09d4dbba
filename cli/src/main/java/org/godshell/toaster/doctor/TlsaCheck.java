package org.godshell.toaster.doctor;

import java.util.List;
import java.util.Optional;
import org.godshell.toaster.dns.Dns;
import org.godshell.toaster.hostcheck.Finding;
import org.godshell.toaster.tls.ServerCertificate;
import org.godshell.toaster.tlspublish.Certificates;
import org.godshell.toaster.tlspublish.Published;
import org.godshell.toaster.tlspublish.Tlsa;

/**
 * The TLSA records of {@code _25._tcp.HOST} against the key of the certificate SMTP serves for the host name
 * (senders ask with it as SNI, RFC 7672 §8.1). Published but matching no current key FAILS: a DANE sender that
 * finds the records signed refuses to deliver (RFC 7672 §2.2). None published is fine (DANE needs DNSSEC, which
 * not every zone has); usages other than 3 1 1 are not judged. Whether the zone is signed is not asked here.
 */
record TlsaCheck(String hostName, Certificates certificates, Dns dns) {

    List<Finding> check() {
        String owner = Tlsa.owner(hostName);
        Optional<ServerCertificate> served = certificates.servedFor(hostName);
        if (served.isEmpty()) {
            return List.of();
        }
        Tlsa current = Tlsa.of(served.get().chain().getFirst());
        String publish = owner + ". TLSA " + current.data();
        return switch (Published.tlsa(dns, owner, InboundTlsCheck.LOOKUP)) {
            case Published.Unknown unknown -> List.of(Finding.warn("DANE: " + owner + " TLSA: "
                    + InboundDomainCheck.shown(unknown.reason())));
            case Published.Missing missing -> List.of(Finding.ok("DANE: " + owner + " has no TLSA record (optional,"
                    + " needs a DNSSEC-signed zone); to publish: " + publish));
            case Published.Found found -> judge(owner, found.values(), current, publish);
        };
    }

    private static List<Finding> judge(String owner, List<String> records, Tlsa current, String publish) {
        List<String> endEntity = records.stream().filter(r -> r.startsWith("3 ")).toList();
        if (records.contains(current.data())) {
            long stale = endEntity.stream().filter(r -> r.startsWith("3 1 1 ") && !r.equals(current.data())).count();
            return List.of(Finding.ok("DANE: " + owner + " publishes the key of the certificate served" + (stale == 0
                    ? "" : " (and " + stale + " other 3 1 1 record(s): keep them only while a key change is under "
                    + "way)")));
        }
        if (endEntity.stream().allMatch(r -> r.startsWith("3 1 1 ")) && !endEntity.isEmpty()) {
            return List.of(Finding.fail("DANE: " + owner + " pins no key the server has: senders that check DANE "
                    + "refuse to deliver; publish " + publish + " (keep the old record until the new one has been "
                    + "out for its TTL), or put the pinned key's certificate back"));
        }
        return List.of(Finding.ok("DANE: " + owner + " has TLSA records other than 3 1 1, not checked here: "
                + InboundDomainCheck.shown(String.join("; ", records))));
    }
}
