package org.godshell.toaster.installer.settings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything an install needs, checked: where, for which names, which mode, and the Java the services run with.
 *
 * @param prefix       the installation directory, absolute
 * @param hostName     this server's name (control/me, the certificate, the MX record)
 * @param domain       the first mail domain
 * @param admin        the first mailbox, postmaster@domain unless given
 * @param certificate  the admin's certificate chain and key (PEM), or empty for a self-signed one
 * @param passwordFile where the admin's password is read from, or written to when made up; empty: prompt or print
 * @param mode         system service or unprivileged demo
 * @param start        whether to start the services at the end
 * @param java         the java binary the services run with: the one running the installer
 * @param wikiPorts    whether the wiki takes ports 80 and 443 (system mode); false leaves them to another web
 *                     server, which proxies to the wiki on {@value #WIKI_BEHIND_PROXY}
 * @param loopbackRelay whether programs on this host (127. and ::1) may relay without logging in, as Postfix's
 *                     {@code mynetworks_style = host}; false makes them log in like everyone else
 * @param imap         whether Dovecot serves IMAP from the toaster's users and Maildirs (system mode only; false
 *                     with {@code --no-imap})
 * @param acme         with {@code --acme}: the certificate is ordered from an ACME CA once the wiki serves
 * @param users        with {@code --users} (or an installed control/userdb naming one): the PostgreSQL database
 *                     that holds the users, shared with other hosts; empty: the passwd files of this host
 */
public record Settings(Path prefix, String hostName, String domain, String admin, Optional<KeyPair> certificate,
        Optional<Path> passwordFile, Mode mode, boolean start, Path java, boolean wikiPorts, boolean loopbackRelay,
        boolean imap, Optional<AcmeSettings> acme, Optional<UsersDatabase> users) {

    /** Settings with the users in this host's passwd files. */
    public Settings(Path prefix, String hostName, String domain, String admin, Optional<KeyPair> certificate,
            Optional<Path> passwordFile, Mode mode, boolean start, Path java, boolean wikiPorts,
            boolean loopbackRelay, boolean imap, Optional<AcmeSettings> acme) {
        this(prefix, hostName, domain, admin, certificate, passwordFile, mode, start, java, wikiPorts, loopbackRelay,
                imap, acme, Optional.empty());
    }

    /** Where the wiki listens when another web server holds 80 and 443: loopback, plain HTTP, for a proxy. */
    public static final String WIKI_BEHIND_PROXY = "127.0.0.1:8080";

    /** A certificate chain file and its private key file, both PEM. */
    public record KeyPair(Path chain, Path key) {}

    public boolean unprivileged() {
        return mode == Mode.UNPRIVILEGED;
    }

    /** Whether the installer sets up Dovecot for IMAP: in system mode, unless {@code --no-imap}. */
    public boolean dovecot() {
        return imap && !unprivileged();
    }

    /** Whether the wiki sits behind the admin's own web server (system mode with {@code --no-wiki-ports}). */
    public boolean wikiBehindProxy() {
        return !wikiPorts && !unprivileged();
    }

    /** The services and where they listen: the mode's, the wiki on loopback behind another web server. */
    public List<Mode.Listener> listeners() {
        if (!wikiBehindProxy()) {
            return mode.listeners();
        }
        List<Mode.Listener> listeners = new ArrayList<>();
        for (Mode.Listener listener : mode.listeners()) {
            switch (listener.controlFile()) {
                case "listen-http" -> listeners.add(new Mode.Listener("listen-http", "127.0.0.1", 8080));
                case "listen-https" -> { }
                default -> listeners.add(listener);
            }
        }
        return List.copyOf(listeners);
    }

    /** Where people reach the wiki through the admin's web server (control/wikiurl), when it sits behind one. */
    public Optional<String> wikiUrl() {
        return wikiBehindProxy() ? Optional.of("https://" + hostName + "/") : Optional.empty();
    }
}
