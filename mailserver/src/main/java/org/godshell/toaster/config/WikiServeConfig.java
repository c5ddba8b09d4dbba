package org.godshell.toaster.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The control files of {@code toaster wiki serve}: {@code listen-http} and {@code listen-https} (addresses as
 * in {@code listen-smtp}), {@code me} (the host name HTTP is redirected to when HTTPS is on), {@code wikiurl}
 * (where people reach the wiki when another web server stands in front of it), and {@code wikieditors}, which
 * is checked here so that a bad one stops the start, and read again at each push.
 */
public record WikiServeConfig(String me, List<InetSocketAddress> listenHttp, List<InetSocketAddress> listenHttps,
        Optional<String> siteUrl) {

    public WikiServeConfig {
        listenHttp = List.copyOf(listenHttp);
        listenHttps = List.copyOf(listenHttps);
    }

    public static WikiServeConfig load(Path controlDir) throws ConfigException {
        return make(Controls.once(controlDir));
    }

    public static WikiServeConfig make(Reads r) throws ConfigException {
        r.get(ControlFiles.WIKIEDITORS);
        return new WikiServeConfig(r.get(ControlFiles.ME), r.get(ControlFiles.LISTEN_HTTP),
                r.get(ControlFiles.LISTEN_HTTPS), r.get(ControlFiles.WIKIURL));
    }
}
