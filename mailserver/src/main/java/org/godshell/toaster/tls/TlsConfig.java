package org.godshell.toaster.tls;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ListenAddresses;

/**
 * The SMTP server's TLS settings: the certificates ({@code servercert.pem}, {@code servercerts/*.pem}) and the
 * addresses of {@code control/listen-smtps}, where TLS starts at once, before the greeting (RFC 8314 §3,
 * port 465).
 *
 * @param server empty when no certificate is configured
 * @param implicitTls empty when {@code listen-smtps} is missing
 */
public record TlsConfig(Optional<ServerTls> server, List<InetSocketAddress> implicitTls) {

    public TlsConfig {
        implicitTls = List.copyOf(implicitTls);
    }

    public static TlsConfig none() {
        return new TlsConfig(Optional.empty(), List.of());
    }

    public static TlsConfig load(Path control) throws ConfigException {
        Optional<ServerTls> server = ServerTls.fromControl(control);
        Path smtps = control.resolve("listen-smtps");
        List<InetSocketAddress> implicit = ListenAddresses.load(smtps).orElse(List.of());
        if (!implicit.isEmpty() && server.isEmpty()) {
            throw new ConfigException(smtps, 0, "asks for TLS on connect but there is no "
                    + control.resolve("servercert.pem") + "; make one with: toaster cert selfsigned --host HOST");
        }
        return new TlsConfig(server, implicit);
    }
}
