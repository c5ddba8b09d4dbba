package org.godshell.toaster.site.build;

import java.util.Map;
import org.godshell.toaster.site.history.History;
import org.godshell.toaster.site.output.SiteConfig;
import org.godshell.toaster.site.output.Views;
import org.godshell.toaster.site.render.Rendered;

/**
 * What a build leaves for the next one, in a file beside its site directory: the fingerprint of what its output
 * depends on besides the repository (generator, templates, assets, settings, limits, repository), the commit it
 * built, the key of every file it made ({@link org.godshell.toaster.site.output.Memo}), each page's blob and
 * rendering, and the history, so the next build walks only the commits after {@code commit}. The site's
 * settings, the history and each page's title and URL ({@code pagesNow}) are also what the server renders a
 * commit's page from ({@link PublishedBuild}).
 */
record BuildIndex(String fingerprint, String commit, Map<String, String> keys, Map<String, CachedPage> pages,
                  History history, SiteConfig site, Map<String, Views.Link> pagesNow) {

    BuildIndex {
        keys = Map.copyOf(keys);
        pages = Map.copyOf(pages);
        pagesNow = Map.copyOf(pagesNow);
    }

    /** A page's rendering and the blob it was rendered from. */
    record CachedPage(String blob, Rendered rendered) {
    }
}
