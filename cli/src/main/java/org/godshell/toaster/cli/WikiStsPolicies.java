package org.godshell.toaster.cli;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.config.Live;
import org.godshell.toaster.site.mailclients.MailDomains;
import org.godshell.toaster.site.stspolicy.StsPolicies;
import org.godshell.toaster.tlspublish.StsPolicy;

/**
 * The toaster's MTA-STS policy for the wiki server, for the domains the mail clients' documents are served for
 * (the same rule, {@link WikiMailDomains}). The policy's files ({@code mtastsmode}, {@code mtastsmaxage}, {@code
 * mtastsmx} and {@code me}) are looked at for every request, as rcpthosts is: switching from testing to enforce
 * needs no restart, and the policy served is always the one {@code toaster dns} and {@code doctor} hash into the
 * id. Read strictly at start; later a bad edit keeps the policy in use and is logged once.
 */
final class WikiStsPolicies implements StsPolicies {

    private final MailDomains domains;
    private final Live<StsPolicy> policy;

    private WikiStsPolicies(MailDomains domains, Live<StsPolicy> policy) {
        this.domains = domains;
        this.policy = policy;
    }

    static WikiStsPolicies open(MailDomains domains, Controls controls, Consumer<String> log)
            throws ConfigException {
        return new WikiStsPolicies(domains, Live.of(controls, StsPolicy::read, log));
    }

    @Override
    public Optional<String> policy(String domain) throws IOException {
        StsPolicy now = policy.get();
        if (!now.published() || domains.settings(domain).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(now.text());
    }
}
