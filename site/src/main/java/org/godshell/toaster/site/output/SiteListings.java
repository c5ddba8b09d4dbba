package org.godshell.toaster.site.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.godshell.toaster.site.history.Change;
import org.godshell.toaster.site.page.Page;
import org.godshell.toaster.site.page.Titles;
import org.godshell.toaster.site.page.Urls;

/**
 * The site-wide files: recent changes, the Atom feed (RFC 4287), sitemap.xml, tag pages, the search page, its
 * sharded index and the server search's documents (made meanwhile by {@link SearchFiles}), the broken-link and
 * orphan report, the 404 page and the CSS and JavaScript.
 */
final class SiteListings {

    static final int RECENT = 50;
    static final int FEED = 20;
    static final String STATIC_SEARCH = "{\"error\":\"this copy of the wiki is served without the wiki's server: "
            + "the search page uses its static index\"}\n";

    private final Templates templates;
    private final SiteComposer composer;

    SiteListings(Templates templates, SiteComposer composer) {
        this.templates = templates;
        this.composer = composer;
    }

    void add(SiteComposer.Input input, Changes changes, List<Views.Broken> broken, List<Views.Link> orphans,
             SearchFiles search) throws IOException {
        var commits = input.history().commits();
        composer.render("_recent.html", "recent.ftlh", composer.siteAtCommit(input, 0), "commits",
                commits.subList(0, Math.min(RECENT, commits.size())).stream().map(c -> changes.view(c, 0)).toList());
        composer.render("feed.atom", "feed.ftlx", composer.site(input, 0), "commits",
                commits.subList(0, Math.min(FEED, commits.size())).stream().map(c -> changes.view(c, 0)).toList());
        Map<String, Change> last = SiteComposer.lastEdits(input);
        List<Map<String, String>> urls = new ArrayList<>();
        for (Page page : input.pages()) {
            Change change = last.get(page.path());
            urls.add(Map.of("loc", input.config().siteUrl() + Urls.encodePath(page.url()),
                    "lastmod", change == null ? "" : Dates.day(change.time())));
        }
        composer.render("sitemap.xml", "sitemap.ftlx", composer.site(input, 0), "urls", urls);
        addTags(input);
        composer.render("_search.html", "search.ftlh", composer.site(input, 0), "search", Map.of());
        for (Map.Entry<String, byte[]> file : search.get().entrySet()) {
            composer.copy(file.getKey(), file.getValue());
        }
        // Where the wiki's server answers GET _api/search; any other server sends this file (200, not a search
        // answer), and the page falls back to the static index without a 404 in the browser's console.
        composer.copy("_api/search", STATIC_SEARCH.getBytes(StandardCharsets.UTF_8));
        composer.render("_report.html", "report.ftlh", composer.siteAtCommit(input, 0), "report",
                Map.of("broken", broken, "orphans", orphans));
        // The server answers any missing path with this page, at any depth: its links are absolute.
        Views.SiteView absolute = composer.site(input, 0);
        absolute = new Views.SiteView(absolute.title(), input.config().siteUrl(), absolute.url(),
                absolute.cloneUrl(), absolute.commit(), absolute.shortCommit(), absolute.date());
        composer.render("404.html", "404.ftlh", absolute, "page", Map.of());
        for (String asset : Templates.ASSETS) {
            composer.copy("_assets/" + asset, Assets.bytes(asset));
        }
    }

    private void addTags(SiteComposer.Input input) throws IOException {
        SortedMap<String, List<Page>> byTag = new TreeMap<>();
        for (Page page : input.pages()) {
            for (String tag : page.tags()) {
                byTag.computeIfAbsent(tag, key -> new ArrayList<>()).add(page);
            }
        }
        List<Map<String, Object>> tags = new ArrayList<>();
        for (var tag : byTag.entrySet()) {
            List<Views.Link> pages = tag.getValue().stream()
                    .sorted((a, b) -> Titles.key(a.title()).compareTo(Titles.key(b.title())))
                    .map(page -> SiteComposer.link(page, 1)).toList();
            composer.render(tagUrl(tag.getKey()), "tag.ftlh", composer.site(input, 1), "tag",
                    Map.of("name", tag.getKey(), "pages", pages));
            tags.add(Map.of("name", tag.getKey(), "url", Urls.encodePath(tagUrl(tag.getKey())),
                    "count", pages.size()));
        }
        composer.render("_tags/index.html", "tags.ftlh", composer.site(input, 1), "tags",
                tags.stream().map(tag -> Map.of("name", tag.get("name"), "url", "../" + tag.get("url"),
                        "count", tag.get("count"))).toList());
    }

    /** A tag's page: its name as an anchor-style slug, or hex code points when that leaves nothing. */
    static String tagUrl(String tag) {
        String slug = Urls.anchor(tag);
        if (slug.isEmpty() || !slug.equals(tag)) {
            StringBuilder hex = new StringBuilder(slug.isEmpty() ? "t" : slug).append('-');
            tag.codePoints().forEach(c -> hex.append(Integer.toHexString(c)));
            slug = hex.toString();
        }
        return "_tags/" + slug + ".html";
    }
}
