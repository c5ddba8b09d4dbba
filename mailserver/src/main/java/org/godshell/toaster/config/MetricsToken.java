package org.godshell.toaster.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.metrics.BearerToken;

/**
 * {@code control/metricstoken}: the bearer token a scraper of the metrics endpoints must send, one line, mode
 * 0600 ({@link SecretFile}). Required when an endpoint listens off loopback; when present, asked of every scrape,
 * on loopback too.
 */
final class MetricsToken {

    private MetricsToken() {
    }

    static Optional<BearerToken> read(Path file, List<ControlFile.Line> lines) throws ConfigException {
        SecretFile.ownerOnly(file, "a token");
        ControlFile.Line line = lines.get(0);
        try {
            return Optional.of(BearerToken.of(line.text().strip()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file, line.number(), e.getMessage());
        }
    }
}
