package org.godshell.toaster.site.output;

import org.godshell.toaster.site.key.Fingerprinted;
import org.godshell.toaster.site.key.KeyWriter;

/**
 * Settings of a site that are not in the repository: its title, the absolute URL it is served at (for the feed
 * and the sitemap, which need absolute URLs) and the URL people clone and push the wiki with.
 */
public record SiteConfig(String title, String siteUrl, String cloneUrl) implements Fingerprinted {

    /** Placeholders that say what to configure; the server of issue 9 passes the host's real URLs. */
    public static final SiteConfig DEFAULT = new SiteConfig("Toaster wiki", "https://wiki.example.invalid/",
            "https://wiki.example.invalid/wiki.git");

    public SiteConfig {
        if (!siteUrl.endsWith("/")) {
            siteUrl = siteUrl + "/";
        }
        if (!siteUrl.startsWith("https://") && !siteUrl.startsWith("http://")) {
            throw new IllegalArgumentException("the site URL must start with http:// or https://, got " + siteUrl);
        }
    }

    @Override
    public void fingerprint(KeyWriter key) {
        key.string(title).string(siteUrl).string(cloneUrl);
    }
}
