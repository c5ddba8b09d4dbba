package org.godshell.toaster.site.mailclients;

import java.io.IOException;
import java.util.Optional;
import org.godshell.toaster.mailclients.ClientSettings;

/**
 * The toaster's mail domains as the wiki server sees them: the CLI answers from {@code domains/} and
 * {@code control/rcpthosts}, read at each call so that a {@code toaster domain add} needs no restart.
 * Implementations are thread-safe.
 */
@FunctionalInterface
public interface MailDomains {

    /**
     * What clients of {@code domain} (lower case, already a valid domain name) are told; empty when it is not a
     * domain of the toaster. Only ever about the domain: no user is looked up.
     *
     * @throws IOException when the domains cannot be read now; the client is told to try later
     */
    Optional<ClientSettings> settings(String domain) throws IOException;
}
