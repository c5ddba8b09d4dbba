package org.godshell.toaster.cli;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.godshell.toaster.config.ClientPorts;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.config.Live;
import org.godshell.toaster.config.SmtpConfig;
import org.godshell.toaster.mailclients.ClientSettings;
import org.godshell.toaster.site.mailclients.MailDomains;
import org.godshell.toaster.users.UserStore;
import org.godshell.toaster.users.UserStoreException;

/**
 * The toaster's domains for the wiki server's mail-client documents. A domain is the toaster's when it is a
 * domain of a shared user database, or a virtual domain ({@code domains/DOMAIN/}, whose users can log in) that
 * rcpthosts or morercpthosts accept (so its mail arrives here): {@code toaster domain add} makes both true, and
 * {@code domain remove} both false. Both
 * are looked at for every request (a directory listing and a stat), so neither needs a restart. What clients are
 * told (control/me and the listen files' ports) is read once, at start, like the rest of the wiki's settings.
 */
final class WikiMailDomains implements MailDomains {

    private final UserStore users;
    private final Live<Set<String>> rcpthosts;
    private final ClientSettings settings;

    private WikiMailDomains(UserStore users, Live<Set<String>> rcpthosts, ClientSettings settings) {
        this.users = users;
        this.rcpthosts = rcpthosts;
        this.settings = settings;
    }

    /**
     * Reads the files now, strictly (a bad one stops the wiki's start); later a bad edit of rcpthosts keeps the
     * last good list and is logged once, as in smtpd.
     */
    static WikiMailDomains open(UserStore users, Controls controls, String host, boolean imap,
            Consumer<String> log) throws ConfigException {
        return new WikiMailDomains(users, Live.of(controls, SmtpConfig::rcpthosts, log),
                ClientPorts.read(controls, host, imap));
    }

    /**
     * A domain of a shared user database is every host's; its clients are sent to the host that keeps its mail,
     * where IMAP and POP3 find the Maildirs (the hosts of one database are installed alike: the same ports).
     */
    @Override
    public Optional<ClientSettings> settings(String domain) throws IOException {
        try {
            if (users.sharedDomain(domain)) {
                return Optional.of(users.mailboxHost(domain).map(host -> new ClientSettings(host,
                        settings.services(), settings.https())).orElse(settings));
            }
            if (!SmtpConfig.accepts(rcpthosts.get(), domain) || !users.domains().contains(domain)) {
                return Optional.empty();
            }
        } catch (UserStoreException e) {
            throw new IOException(e.getMessage(), e);
        }
        return Optional.of(settings);
    }
}
