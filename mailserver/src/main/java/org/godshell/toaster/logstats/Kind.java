package org.godshell.toaster.logstats;

/** What a log line is about; a line of none of these kinds is {@link #OTHER} and only counted. */
public enum Kind {
    /** smtpd's {@code tx ...}: a transaction that reached DATA's end, or was abandoned. */
    TRANSACTION,
    /** {@code refused ...}: a connection or a command refused, with {@code stage} and {@code reason}. */
    REFUSAL,
    /** smtpd's {@code auth ok|failed|refused by plugin ...} and pop3d's {@code login ok|failed ...}. */
    AUTH,
    /** {@code spp [SECTION] SOURCE exit= us= out= verdict=}: a plugin that said something. */
    PLUGIN,
    /** {@code delivery ID: RECIPIENT delivered|deferred|failed: ...}: one recipient of one attempt. */
    DELIVERY,
    /** {@code delivery ID: bounce to <...> queued as ... failed=N}: recipients given up on. */
    BOUNCE,
    OTHER
}
