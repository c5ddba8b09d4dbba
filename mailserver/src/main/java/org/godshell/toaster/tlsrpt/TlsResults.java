package org.godshell.toaster.tlsrpt;

/**
 * Where remote delivery puts each session's TLS outcome. Implementations must be thread-safe (many deliveries
 * run at once), cheap, and must never throw or block on the network: a report is a by-product of delivery.
 */
@FunctionalInterface
public interface TlsResults {

    /** Nothing is kept: tests and tools that deliver without reporting. */
    TlsResults NONE = result -> { };

    void record(SessionResult result);
}
