package org.godshell.toaster.mailclients;

import java.util.Objects;

/**
 * One way in for a mail client: a protocol on a port, with TLS from the first byte (RFC 8314 §3, "implicit TLS",
 * which clients call SSL/TLS) or started by a command (STARTTLS, POP3's STLS) before the login.
 */
public record ClientService(Protocol protocol, Security security, int port) {

    /** What the client does there. */
    public enum Protocol {
        /** Reading mail with IMAP (RFC 9051), served by Dovecot from the toaster's Maildirs. */
        IMAP,
        /** Reading mail with POP3 (RFC 1939), {@code toaster pop3d}. */
        POP3,
        /** Sending mail: message submission (RFC 6409) or submission over TLS (RFC 8314 §3.3); never port 25. */
        SMTP
    }

    /** How TLS starts; there is no third way: the toaster never takes a password outside TLS. */
    public enum Security {
        /** TLS from the first byte (RFC 8314 §3.2, §3.3). */
        TLS,
        /** TLS after STARTTLS (RFC 3207, RFC 9051 §6.2.1) or STLS (RFC 2595 §4). */
        STARTTLS
    }

    public ClientService {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(security, "security");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("not a port: " + port);
        }
    }

    /** Whether the client reads mail here (IMAP, POP3) rather than sends it. */
    public boolean incoming() {
        return protocol != Protocol.SMTP;
    }
}
