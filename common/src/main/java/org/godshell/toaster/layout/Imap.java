package org.godshell.toaster.layout;

import java.nio.file.Path;

/**
 * IMAP on a system install: Dovecot serves it from the toaster's users and Maildirs, configured by two drop-in
 * files that the installer writes and removes and {@code toaster doctor} looks for. The toaster itself has no IMAP
 * server; these are Dovecot's standard ports.
 */
public final class Imap {

    /** The installer's Dovecot configuration, read after Debian's {@code conf.d/*.conf} files by its name. */
    public static final Path DROP_IN = Path.of("/etc/dovecot/conf.d/99-toaster.conf");
    /**
     * The installer's users for Dovecot (passdb and userdb), read before Debian's {@code conf.d/10-auth.conf} by its
     * name: Dovecot asks the databases in the order it read them, so a mailbox's login is answered here before
     * PAM, which 10-auth.conf brings for the host's system accounts, is asked.
     */
    public static final Path USERS_DROP_IN = Path.of("/etc/dovecot/conf.d/05-toaster-users.conf");
    /** IMAP with STARTTLS (RFC 9051 §6.2.1). */
    public static final int IMAP_PORT = 143;
    /** IMAP over implicit TLS (RFC 8314 §3.3). */
    public static final int IMAPS_PORT = 993;

    private Imap() {
    }
}
