package org.godshell.toaster.smtpc;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the client waits, per RFC 5321 §4.5.3.2. Each reply timeout bounds the whole reply, not each read,
 * so a server that drips one byte a minute cannot keep a delivery forever; the data-block timeout bounds each
 * write while the message is sent.
 *
 * @param connect   TCP connect (qmail's {@code timeoutconnect}, 60 s)
 * @param greeting  the 220 greeting (§4.5.3.2.1: 5 minutes)
 * @param command   EHLO, STARTTLS and the TLS handshake, AUTH, MAIL, RCPT, RSET (§4.5.3.2.2-3: 5 minutes)
 * @param dataStart the 354 after DATA (§4.5.3.2.4: 2 minutes)
 * @param dataBlock each write of message data (§4.5.3.2.5: 3 minutes)
 * @param dataEnd   the reply after the final dot (§4.5.3.2.6: 10 minutes)
 * @param quit      the reply to QUIT, which changes nothing and so is not waited for long
 */
public record ClientTimeouts(Duration connect, Duration greeting, Duration command, Duration dataStart,
                             Duration dataBlock, Duration dataEnd, Duration quit) {

    public ClientTimeouts {
        for (Duration d : new Duration[] {connect, greeting, command, dataStart, dataBlock, dataEnd, quit}) {
            Objects.requireNonNull(d, "timeout");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive: " + d);
            }
        }
    }

    /** The RFC 5321 §4.5.3.2 values, with qmail's 60 s connect timeout and 10 s for QUIT. */
    public static ClientTimeouts rfc5321() {
        return new ClientTimeouts(Duration.ofSeconds(60), Duration.ofMinutes(5), Duration.ofMinutes(5),
                Duration.ofMinutes(2), Duration.ofMinutes(3), Duration.ofMinutes(10), Duration.ofSeconds(10));
    }

    /** Every timeout the same, for tests and for qmail's {@code timeoutremote} (one value for all replies). */
    public static ClientTimeouts all(Duration connect, Duration replies) {
        return new ClientTimeouts(connect, replies, replies, replies, replies, replies,
                replies.compareTo(Duration.ofSeconds(10)) < 0 ? replies : Duration.ofSeconds(10));
    }
}
