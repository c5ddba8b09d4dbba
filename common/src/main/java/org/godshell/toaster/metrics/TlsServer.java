package org.godshell.toaster.metrics;

import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * The TLS of the endpoint, made by the caller from the daemon's own certificates (so that a renewed certificate
 * is served here as on the mail ports) with the same versions and suites as its other ports.
 */
public record TlsServer(SSLContext context, List<String> protocols, List<String> cipherSuites) {

    public TlsServer {
        Objects.requireNonNull(context, "context");
        protocols = List.copyOf(protocols);
        cipherSuites = List.copyOf(cipherSuites);
        if (protocols.isEmpty() || cipherSuites.isEmpty()) {
            throw new IllegalArgumentException("no TLS versions or cipher suites");
        }
    }
}
