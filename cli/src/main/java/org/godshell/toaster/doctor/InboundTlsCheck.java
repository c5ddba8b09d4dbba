package org.godshell.toaster.doctor;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.config.StsMode;
import org.godshell.toaster.dns.Dns;
import org.godshell.toaster.hostcheck.Finding;
import org.godshell.toaster.tls.ServerCertificate;
import org.godshell.toaster.tlspublish.CertificateTrust;
import org.godshell.toaster.tlspublish.Certificates;
import org.godshell.toaster.tlspublish.StsPolicy;
import org.godshell.toaster.users.UserStore;

/**
 * What the toaster asks other servers to insist on: its MTA-STS policy against its certificate (an {@code
 * enforce} policy over a self-signed certificate FAILS: senders that honour it refuse to deliver), then, with
 * DNS, each domain's records ({@link InboundDomainCheck}) and the TLSA records of the host ({@link TlsaCheck}).
 * Every DNS question is asked at once, each within {@link #LOOKUP}.
 *
 * @param prefix   the installation
 * @param hostName the host name of {@code control/me} (the install's)
 * @param dns      the resolver of {@code control/dnsservers}; empty to skip the DNS questions
 * @param clock    the time certificates are judged at
 */
public record InboundTlsCheck(Path prefix, String hostName, Optional<Dns> dns, Clock clock) {

    static final Duration LOOKUP = Duration.ofSeconds(3);

    public List<Finding> check() throws IOException {
        Path control = prefix.resolve("control");
        StsPolicy policy;
        Certificates certificates;
        try {
            policy = StsPolicy.read(Controls.once(control));
            certificates = Certificates.read(control);
        } catch (ConfigException e) {
            return List.of(Finding.fail("MTA-STS and DANE cannot be checked: " + e.getMessage()));
        }
        List<Finding> findings = new ArrayList<>();
        findings.add(describe(policy));
        certificates.servedFor(hostName).ifPresent(served -> findings.add(mxCertificate(policy, served)));
        if (dns.isEmpty()) {
            return findings;
        }
        List<String> domains;
        try {
            domains = UserStore.domainsOf(prefix);
        } catch (IOException e) {
            findings.add(Finding.fail("MTA-STS and DANE of the domains cannot be checked: the domains cannot be"
                    + " listed: " + e.getMessage()));
            return findings;
        }
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<Finding>>> asked = new ArrayList<>();
            for (String domain : domains) {
                asked.add(executor.submit(() -> new InboundDomainCheck(domain, hostName, policy, certificates,
                        dns.get(), clock).check()));
            }
            asked.add(executor.submit(() -> new TlsaCheck(hostName, certificates, dns.get()).check()));
            for (Future<List<Finding>> future : asked) {
                findings.addAll(future.get());
            }
        } catch (ExecutionException e) {
            throw new IOException("the MTA-STS and DANE check failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return findings;
    }

    private static Finding describe(StsPolicy policy) {
        if (!policy.published()) {
            return Finding.ok("MTA-STS: control/mtastsmode is none, so no policy is published");
        }
        return Finding.ok("MTA-STS: the policy is mode " + policy.mode().word() + ", mx " + String.join(", ",
                policy.mx()) + ", max_age " + policy.maxAge() + ", id " + policy.id());
    }

    /**
     * RFC 8461 §4.2: in {@code enforce} mode a sender delivers only over TLS with a certificate it trusts that
     * names the MX; in {@code testing} mode it delivers anyway and reports.
     */
    private Finding mxCertificate(StsPolicy policy, ServerCertificate served) {
        CertificateTrust trust = CertificateTrust.of(served.chain(), clock.instant());
        String problem = served.covers(hostName) ? trust.problem() : "does not name " + hostName;
        String certificate = "the certificate " + served.file().getFileName() + " served for " + hostName;
        if (problem.isEmpty()) {
            return Finding.ok("MTA-STS: " + certificate + " is trusted, as enforce needs");
        }
        if (policy.mode() == StsMode.ENFORCE) {
            return Finding.fail("MTA-STS mode is enforce but " + certificate + " " + problem + ": senders that "
                    + "honour the policy refuse to deliver; write testing to control/mtastsmode, or get a trusted "
                    + "certificate (toaster cert acme)");
        }
        return Finding.ok("MTA-STS: " + certificate + " " + problem + "; fine for " + policy.mode().word()
                + ", but get a trusted one (toaster cert acme) before enforce");
    }
}
