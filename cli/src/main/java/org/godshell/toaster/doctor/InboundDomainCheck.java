package org.godshell.toaster.doctor;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.dns.Dns;
import org.godshell.toaster.hostcheck.Finding;
import org.godshell.toaster.tls.ServerCertificate;
import org.godshell.toaster.tlspublish.CertificateTrust;
import org.godshell.toaster.tlspublish.Certificates;
import org.godshell.toaster.tlspublish.InboundRecords;
import org.godshell.toaster.tlspublish.Published;
import org.godshell.toaster.tlspublish.StsPolicy;

/**
 * One domain's inbound records against the policy: the {@code _mta-sts} TXT record with the current id, the
 * {@code mta-sts.DOMAIN} name pointing here, the certificate the policy is fetched over (RFC 8461 §3.3: valid
 * HTTPS, or senders have no policy), and the {@code _smtp._tls} record (RFC 8460 §3, told either way). All
 * warnings at worst: DNS is the admin's to publish.
 */
record InboundDomainCheck(String domain, String hostName, StsPolicy policy, Certificates certificates, Dns dns,
        Clock clock) {

    List<Finding> check() {
        List<Finding> findings = new ArrayList<>();
        String record = "_mta-sts." + domain;
        Published sts = Published.txt(dns, record, InboundTlsCheck.LOOKUP);
        if (!policy.published()) {
            if (!stsRecords(sts).isEmpty()) {
                findings.add(Finding.warn("MTA-STS: " + record + " still announces a policy, but control/mtastsmode"
                        + " is none and none is served: remove the record (wiki page Transport security)"));
            }
            return findings;
        }
        findings.add(stsRecord(record, sts));
        findings.add(pointsHere());
        findings.add(policyCertificate());
        findings.add(tlsRpt());
        return findings;
    }

    private Finding stsRecord(String record, Published sts) {
        String publish = record + ". TXT \"" + policy.txt() + "\"";
        if (sts instanceof Published.Unknown unknown) {
            return Finding.warn("MTA-STS: " + record + " TXT: " + shown(unknown.reason())
                    + "; check later with: toaster doctor");
        }
        List<String> announced = stsRecords(sts);
        if (announced.isEmpty()) {
            return Finding.warn("MTA-STS: " + record + " is not published; publish: " + publish);
        }
        if (announced.size() > 1) {
            return Finding.warn("MTA-STS: " + record + " has " + announced.size() + " STSv1 records, which senders"
                    + " take as none (RFC 8461 §3.1); keep one: " + publish);
        }
        if (!announced.getFirst().matches("v=STSv1;\\s*id=" + policy.id() + ";?\\s*")) {
            return Finding.warn("MTA-STS: policy changed: publish id=" + policy.id() + " (" + publish + "); until "
                    + "then senders keep the policy they fetched");
        }
        return Finding.ok("MTA-STS: " + record + " publishes the current id " + policy.id());
    }

    /** RFC 8461 §3.1: the records that start with {@code v=STSv1}; others at the name are ignored. */
    private static List<String> stsRecords(Published sts) {
        return sts instanceof Published.Found found
                ? found.values().stream().filter(v -> v.startsWith("v=STSv1")).toList() : List.of();
    }

    private Finding pointsHere() {
        String name = "mta-sts." + domain;
        Published here = Published.addresses(dns, hostName, InboundTlsCheck.LOOKUP);
        Published there = Published.addresses(dns, name, InboundTlsCheck.LOOKUP);
        return switch (there) {
            case Published.Unknown unknown -> Finding.warn("MTA-STS: " + name + ": " + unknown.reason());
            case Published.Missing missing -> Finding.warn("MTA-STS: " + name + " does not resolve, so senders "
                    + "cannot fetch the policy; publish: " + name + ". CNAME " + hostName + ".");
            case Published.Found found -> here instanceof Published.Found ours
                    && found.values().stream().anyMatch(ours.values()::contains)
                    ? Finding.ok("MTA-STS: " + name + " points to this host")
                    : Finding.warn("MTA-STS: " + name + " has " + String.join(", ", found.values()) + ", not the "
                    + "address of " + hostName + "; publish: " + name + ". CNAME " + hostName + ".");
        };
    }

    private Finding policyCertificate() {
        String name = "mta-sts." + domain;
        Optional<ServerCertificate> served = certificates.servedFor(name);
        String fix = "; senders cannot fetch the policy (RFC 8461 §3.3): get one with toaster cert acme, or put one "
                + "for " + name + " in control/servercerts/";
        if (served.isEmpty() || !served.get().covers(name)) {
            return Finding.warn("MTA-STS: no certificate names " + name + fix);
        }
        CertificateTrust trust = CertificateTrust.of(served.get().chain(), clock.instant());
        if (trust != CertificateTrust.TRUSTED) {
            return Finding.warn("MTA-STS: the certificate for " + name + " " + trust.problem() + fix);
        }
        return Finding.ok("MTA-STS: the certificate " + served.get().file().getFileName() + " names " + name);
    }

    private Finding tlsRpt() {
        String name = "_smtp._tls." + domain;
        return switch (Published.txt(dns, name, InboundTlsCheck.LOOKUP)) {
            case Published.Found found when found.values().stream().anyMatch(v -> v.startsWith("v=TLSRPTv1")) ->
                    Finding.ok("TLS-RPT: " + name + " asks for reports: " + shown(found.values().stream()
                            .filter(v -> v.startsWith("v=TLSRPTv1")).findFirst().orElseThrow()));
            case Published.Unknown unknown -> Finding.ok("TLS-RPT: " + name + ": " + unknown.reason());
            default -> Finding.ok("TLS-RPT: " + name + " is not published (optional): senders send no reports "
                    + "of failed TLS; publish: " + name + ". TXT \"" + InboundRecords.tlsRpt(domain) + "\"");
        };
    }

    /** A value from DNS as a finding may print it: all but printable ASCII replaced, at most 200 characters. */
    static String shown(String value) {
        String cut = value.length() > 200 ? value.substring(0, 200) + "..." : value;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
