package org.godshell.toaster.doctor;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.godshell.toaster.dkim.PublishedKey;
import org.godshell.toaster.dkim.keys.DkimKeys;
import org.godshell.toaster.dkim.keys.DkimKeysException;
import org.godshell.toaster.dkim.keys.KeyState;
import org.godshell.toaster.dkim.keys.Selector;
import org.godshell.toaster.dkim.keys.SelectorsFile;
import org.godshell.toaster.dns.Dns;
import org.godshell.toaster.hostcheck.Finding;
import org.godshell.toaster.io.Handover;
import org.godshell.toaster.users.UserStore;

/**
 * Each domain's DKIM keys: that they read (a broken {@code selectors} file or key file FAILS, with its
 * {@code file:line}), a warning for a domain without keys, and, with DNS, whether each selector's TXT record
 * publishes its key (warnings: ok, another key or none, no answer). Every record is asked at once, each within
 * {@link #LOOKUP}, so a dead resolver costs one timeout, not one per key.
 *
 * @param prefix the installation
 * @param dns    the resolver of {@code control/dnsservers}; empty to skip the DNS questions ({@code --no-dns},
 *               an unprivileged demo)
 */
public record DkimCheck(Path prefix, Optional<Dns> dns) {

    static final Duration LOOKUP = Duration.ofSeconds(3);

    public List<Finding> check() throws IOException {
        DkimKeys keys = new DkimKeys(prefix, Handover.KEEP, Clock.systemUTC());
        List<Future<Finding>> findings = new ArrayList<>();                 // in order, the DNS ones still coming
        boolean anyKey = false;
        boolean allRead = true;
        List<String> domains;
        try {
            domains = UserStore.domainsOf(prefix);
        } catch (IOException e) {
            // The users' own finding says why (a database that does not answer); the other checks go on.
            return List.of(Finding.fail("DKIM keys cannot be checked: the domains cannot be listed: "
                    + e.getMessage()));
        }
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String domain : domains) {
                SelectorsFile selectors;
                try {
                    selectors = keys.selectors(domain);
                } catch (DkimKeysException e) {
                    findings.add(done(Finding.fail("DKIM keys of " + domain + ": " + e.getMessage())));
                    allRead = false;
                    continue;
                }
                if (selectors.selectors().isEmpty()) {
                    findings.add(done(Finding.warn(domain + " has no DKIM keys, so its mail cannot be signed; make"
                            + " them with: toaster dkim keygen " + domain)));
                    continue;
                }
                anyKey = true;
                if (selectors.in(KeyState.ACTIVE).isEmpty()) {
                    findings.add(done(Finding.warn(domain + " has no active DKIM key: its mail goes out unsigned "
                            + "(toaster dkim show " + domain + ")")));
                }
                for (Selector selector : selectors.selectors().stream()
                        .sorted(Comparator.comparing(Selector::state)).toList()) {  // active first
                    try {
                        PublicKey key = keys.publicKey(domain, selector);
                        if (dns.isPresent()) {
                            findings.add(executor.submit(() -> published(domain, selector, key)));
                        }
                    } catch (DkimKeysException e) {
                        findings.add(done(Finding.fail("DKIM key " + selector.name() + " of " + domain + ": "
                                + e.getMessage())));
                        allRead = false;
                    }
                }
            }
            List<Finding> out = new ArrayList<>();
            for (Future<Finding> finding : findings) {
                out.add(finding.get());
            }
            if (anyKey && allRead && dns.isEmpty()) {
                out.add(Finding.ok("every DKIM key reads (their DNS records not asked)"));
            }
            return out;
        } catch (ExecutionException e) {
            throw new IOException("the DKIM check failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    private static Future<Finding> done(Finding finding) {
        return CompletableFuture.completedFuture(finding);
    }

    private Finding published(String domain, Selector selector, PublicKey key) {
        String record = selector.recordName(domain);
        String state = selector.state().word();
        return switch (PublishedKey.check(dns.orElseThrow(), LOOKUP, selector.name(), domain, key)) {
            case PublishedKey.Check.Matches m -> Finding.ok("DKIM " + record + " publishes the " + state + " key");
            case PublishedKey.Check.Mismatch m -> Finding.warn("DKIM " + record + " (" + state + "): " + m.reason()
                    + (selector.state() == KeyState.RETIRED ? "; or, done with it: toaster dkim remove " + domain
                            + " " + selector.name() : "; the record to publish: toaster dkim show " + domain));
            case PublishedKey.Check.Temporary t -> Finding.warn("DKIM " + record + " (" + state + "): " + t.reason()
                    + "; check later with: toaster doctor");
        };
    }
}
