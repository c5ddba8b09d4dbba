package org.godshell.toaster.installer.settings;

import java.nio.file.Path;
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
 */
public record Settings(Path prefix, String hostName, String domain, String admin, Optional<KeyPair> certificate,
        Optional<Path> passwordFile, Mode mode, boolean start, Path java) {

    /** A certificate chain file and its private key file, both PEM. */
    public record KeyPair(Path chain, Path key) {}

    public boolean unprivileged() {
        return mode == Mode.UNPRIVILEGED;
    }
}
