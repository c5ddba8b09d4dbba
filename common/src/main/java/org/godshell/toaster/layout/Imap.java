package org.godshell.toaster.layout;

import java.nio.file.Path;

/**
 * IMAP on a system install: Dovecot serves it from the toaster's users and Maildirs, configured by one drop-in
 * file that the installer writes and removes and {@code toaster doctor} looks for. The toaster itself has no IMAP
 * server; these are Dovecot's standard ports.
 */
public final class Imap {

    /** The installer's Dovecot configuration, read after Debian's {@code conf.d/*.conf} files by its name. */
    public static final Path DROP_IN = Path.of("/etc/dovecot/conf.d/99-toaster.conf");
    /** IMAP with STARTTLS (RFC 9051 §6.2.1). */
    public static final int IMAP_PORT = 143;
    /** IMAP over implicit TLS (RFC 8314 §3.3). */
    public static final int IMAPS_PORT = 993;

    private Imap() {
    }
}
