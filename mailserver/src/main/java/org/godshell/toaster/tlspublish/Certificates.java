package org.godshell.toaster.tlspublish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ControlFiles;
import org.godshell.toaster.tls.ServerCertificate;

/**
 * The certificates of {@code control/} in the order the TLS servers try them for SNI: each {@code
 * servercerts/*.pem} in name order, then {@code servercert.pem}, which is also served to a client that names no
 * host. Read strictly: a file that does not read is a {@link ConfigException} naming it.
 */
public record Certificates(List<ServerCertificate> sni, Optional<ServerCertificate> fallback) {

    public Certificates {
        sni = List.copyOf(sni);
    }

    public static Certificates read(Path control) throws ConfigException {
        List<ServerCertificate> sni = new ArrayList<>();
        Path more = control.resolve(ControlFiles.SERVERCERTS.name());
        if (Files.isDirectory(more)) {
            try (Stream<Path> files = Files.list(more)) {
                for (Path pem : files.filter(f -> f.getFileName().toString().endsWith(".pem")).sorted().toList()) {
                    sni.add(ServerCertificate.read(pem));
                }
            } catch (IOException e) {
                throw new ConfigException(more, 0, "cannot be listed: " + e.getMessage(), e);
            }
        }
        Path file = control.resolve(ControlFiles.SERVERCERT_PEM.name());
        Optional<ServerCertificate> fallback = Files.exists(file) ? Optional.of(ServerCertificate.read(file))
                : Optional.empty();
        return new Certificates(sni, fallback);
    }

    /** What a client that asks for {@code host} (lower case) gets; it may not name the host. */
    public Optional<ServerCertificate> servedFor(String host) {
        return sni.stream().filter(c -> c.covers(host)).findFirst().or(() -> fallback);
    }

    /**
     * The certificates a client asking for {@code host} may be given: the default, and every SNI one that names
     * the host. Each has its key to pin in a TLSA record.
     */
    public List<ServerCertificate> forHost(String host) {
        List<ServerCertificate> all = new ArrayList<>();
        fallback.ifPresent(all::add);
        sni.stream().filter(c -> c.covers(host)).forEach(all::add);
        return all;
    }
}
