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
        Optional<ControlFile.Line> meLine = ControlFile.firstLine(controlDir.resolve("me"));
        String me = meLine.isPresent() ? Values.hostName(controlDir.resolve("me"), meLine.get())
                : SmtpConfigLoader.localHostName();
        List<InetSocketAddress> http = ListenAddresses.load(controlDir.resolve("listen-http")).orElse(List.of());
        List<InetSocketAddress> https = ListenAddresses.load(controlDir.resolve("listen-https")).orElse(List.of());
        Optional<ControlFile.Line> urlLine = ControlFile.firstLine(controlDir.resolve("wikiurl"));
        Optional<String> url = urlLine.isPresent()
                ? Optional.of(Values.siteUrl(controlDir.resolve("wikiurl"), urlLine.get())) : Optional.empty();
        WikiEditors.load(controlDir.resolve("wikieditors"));
        return new WikiServeConfig(me, http, https, url);
    }
}
