package org.godshell.toaster.cli;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.godshell.toaster.config.WikiServeConfig;
import org.godshell.toaster.site.build.BuildOptions;
import org.godshell.toaster.site.output.SiteConfig;

/**
 * How an installation's wiki is built: PREFIX/wiki/wiki.git at main into PREFIX/wiki/site, for the URL the
 * control files give. {@code wiki serve} and {@code wiki init} share it, so that the site init builds is the
 * one serve would build (same settings, so serve's first build finds nothing to render again).
 */
final class WikiSite {

    private WikiSite() {
    }

    /** @param siteUrl the URL people reach the wiki at, or null for the default; @param title null: the default */
    static BuildOptions options(Path prefix, WikiServeConfig config, String siteUrl, String title) {
        Path wiki = prefix.resolve("wiki");
        String url = siteUrl != null ? siteUrl : defaultUrl(config);
        SiteConfig site = new SiteConfig(title != null ? title : SiteConfig.DEFAULT.title(), url,
                (url.endsWith("/") ? url : url + "/") + "wiki.git");
        return BuildOptions.of(wiki.resolve("wiki.git"), "main", wiki.resolve("site")).site(site);
    }

    /**
     * control/wikiurl when there is one (a web server in front of the wiki), https://ME/ when HTTPS is on, else
     * the first HTTP address (control/me for a wildcard one).
     */
    private static String defaultUrl(WikiServeConfig config) {
        if (config.siteUrl().isPresent()) {
            return config.siteUrl().get();
        }
        if (!config.listenHttps().isEmpty()) {
            int port = config.listenHttps().getFirst().getPort();
            return "https://" + config.me() + (port == 443 ? "" : ":" + port) + "/";
        }
        InetSocketAddress first = config.listenHttp().getFirst();
        String host = first.getAddress().isAnyLocalAddress() ? config.me() : first.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + (first.getPort() == 80 ? "" : ":" + first.getPort()) + "/";
    }
}
