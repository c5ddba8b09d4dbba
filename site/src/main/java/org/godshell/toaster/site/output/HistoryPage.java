package org.godshell.toaster.site.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.godshell.toaster.site.history.History;
import org.godshell.toaster.site.page.Urls;

/**
 * The history page of a page of the site, {@code _history/PATH.html}, made one way whether a build writes it (a
 * static export) or the server renders it on request: the template {@code history.ftlh} with the site's values
 * and the page's changes, newest first, as the build's history lists them.
 *
 * <p>Only the pages the build published have one here: {@link #listed} is the one way to a page. The history
 * pages of deleted pages and the redirects at former names are few, and are always written by the build.
 */
public final class HistoryPage {

    static final String TEMPLATE = "history.ftlh";

    private final SiteConfig config;
    private final History history;
    private final Changes changes;
    private final Map<String, Views.Link> pagesNow;
    private final Map<String, String> pathsByFile = new HashMap<>();

    /** The history pages of a build: its settings, its history, and its pages' titles and URLs by path. */
    public HistoryPage(SiteConfig config, History history, Map<String, Views.Link> pagesNow) {
        this(config, history, new Changes(history, pagesNow), pagesNow);
    }

    HistoryPage(SiteConfig config, History history, Changes changes, Map<String, Views.Link> pagesNow) {
        this.config = config;
        this.history = history;
        this.changes = changes;
        this.pagesNow = pagesNow;
        pagesNow.keySet().forEach(path -> pathsByFile.put(url(path), path));
    }

    /** The history page of the page at {@code path} ({@code .md}), relative to the site's root. */
    public static String url(String path) {
        return "_history/" + path.substring(0, path.length() - ".md".length()) + ".html";
    }

    /** The path of the page whose history page is {@code file} (relative to the site's root), if it has one. */
    public Optional<String> listed(String file) {
        return Optional.ofNullable(pathsByFile.get(file));
    }

    /** The bytes of the history page of {@code path}, one of the build's pages. */
    public byte[] render(Templates templates, String path) throws IOException {
        return templates.render(TEMPLATE, model(path)).getBytes(StandardCharsets.UTF_8);
    }

    Map<String, Object> model(String path) {
        Map<String, Object> model = new HashMap<>();
        model.put("site", site(path));
        model.put("page", view(path));
        return model;
    }

    /** One folder below the page's own. */
    Views.SiteView site(String path) {
        return SiteComposer.site(config, depth(path));
    }

    /** What the template shows of the page: its title and address now, and its changes. */
    Map<String, Object> view(String path) {
        int depth = depth(path);
        Views.Link page = pagesNow.get(path);
        List<Views.ChangeView> list = history.of(path).stream().map(change -> changes.view(change, depth)).toList();
        return Map.of("title", page.title(), "url", Urls.root(depth) + Urls.encodePath(page.url()), "path", path,
                "changes", list, "deleted", false);
    }

    private int depth(String path) {
        return (int) pagesNow.get(path).url().chars().filter(c -> c == '/').count() + 1;
    }
}
