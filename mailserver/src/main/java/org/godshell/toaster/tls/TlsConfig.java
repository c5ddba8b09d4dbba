package org.godshell.toaster.tls;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ControlFiles;
import org.godshell.toaster.config.Reads;

/**
 * The SMTP server's TLS settings: the certificates ({@code servercert.pem}, {@code servercerts/*.pem}) and the
 * addresses of {@code control/listen-smtps}, where TLS starts at once, before the greeting (RFC 8314 §3,
 * port 465).
 *
 * @param server empty when no certificate is configured
 * @param implicitTls empty when {@code listen-smtps} is missing
 */
public record TlsConfig(Optional<TlsSource> server, List<InetSocketAddress> implicitTls) {

    public TlsConfig {
        implicitTls = List.copyOf(implicitTls);
    }

    public static TlsConfig none() {
        return new TlsConfig(Optional.empty(), List.of());
    }

    /** {@code log}: where a certificate reload (or a failed one) is reported. */
    public static TlsConfig load(Reads control, Consumer<String> log) throws ConfigException {
        Optional<TlsSource> server = TlsSource.watch(control.path(ControlFiles.SERVERCERT_PEM).getParent(), log);
        List<InetSocketAddress> implicit = control.get(ControlFiles.LISTEN_SMTPS);
        if (!implicit.isEmpty() && server.isEmpty()) {
            throw new ConfigException(control.path(ControlFiles.LISTEN_SMTPS), 0, "asks for TLS on connect but "
                    + "there is no " + control.path(ControlFiles.SERVERCERT_PEM) + "; make one with: toaster cert "
                    + "selfsigned --host HOST");
        }
        return new TlsConfig(server, implicit);
    }
}
