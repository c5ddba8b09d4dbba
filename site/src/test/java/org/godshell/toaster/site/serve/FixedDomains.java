package org.godshell.toaster.site.serve;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.godshell.toaster.mailclients.ClientSettings;
import org.godshell.toaster.site.mailclients.MailDomains;

/**
 * The toaster's domains as a set the test changes while the server runs (the CLI's implementation reads
 * domains/ and rcpthosts instead), with the same settings for each; or unreadable, as a disk that fails.
 */
final class FixedDomains implements MailDomains {

    final Set<String> domains = ConcurrentHashMap.newKeySet();
    volatile boolean unreadable;
    private final ClientSettings settings;

    FixedDomains(ClientSettings settings, String... domains) {
        this.settings = settings;
        this.domains.addAll(Set.of(domains));
    }

    @Override
    public Optional<ClientSettings> settings(String domain) throws IOException {
        if (unreadable) {
            throw new IOException("domains: Input/output error");
        }
        return domains.contains(domain) ? Optional.of(settings) : Optional.empty();
    }
}
