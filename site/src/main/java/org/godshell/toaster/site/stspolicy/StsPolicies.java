package org.godshell.toaster.site.stspolicy;

import java.io.IOException;
import java.util.Optional;

/**
 * The MTA-STS policy the wiki server serves at {@code https://mta-sts.DOMAIN/.well-known/mta-sts.txt}.
 * Implementations are thread-safe and read the toaster's domains at each call, as {@link
 * org.godshell.toaster.site.mailclients.MailDomains} does.
 */
@FunctionalInterface
public interface StsPolicies {

    /**
     * The policy file of {@code domain} (lower case, already a valid domain name), lines ending in CRLF; empty
     * when it is not a domain of the toaster or no policy is published ({@code control/mtastsmode} none).
     *
     * @throws IOException when the domains cannot be read now; the sender is told to try later
     */
    Optional<String> policy(String domain) throws IOException;
}
