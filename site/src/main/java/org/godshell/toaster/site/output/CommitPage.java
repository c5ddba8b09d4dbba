package org.godshell.toaster.site.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.godshell.toaster.site.history.CommitDiffs;
import org.godshell.toaster.site.history.History;
import org.godshell.toaster.site.page.Page;

/**
 * The page of one commit of a build's history, {@code _commit/ID.html}, made one way whether a build writes it
 * ({@link CommitPages}, for a static export) or the server renders it on request: the template {@code commit.ftlh}
 * with the site's values, the commit with its pages as the build named them, and the commit's diff.
 *
 * <p>Only the commits the build's history walk listed have a page: {@link #listed} is the one way to a commit,
 * so a commit of another branch, of a quarantined push or one that touched no page has none.
 */
public final class CommitPage {

    static final String TEMPLATE = "commit.ftlh";
    /** Commit pages are one folder down from the site's root. */
    static final int DEPTH = 1;

    private final Views.SiteView site;
    private final Changes changes;
    private final Map<String, History.Commit> commits = new HashMap<>();

    /** The commit pages of a build: its settings, its history, and its pages' titles and URLs by path. */
    public CommitPage(SiteConfig config, History history, Map<String, Views.Link> pagesNow) {
        this(SiteComposer.site(config, DEPTH), new Changes(history, pagesNow), history);
    }

    CommitPage(Views.SiteView site, Changes changes, History history) {
        this.site = site;
        this.changes = changes;
        history.commits().forEach(commit -> commits.put(commit.id(), commit));
    }

    /** The page of a commit, relative to the site's root. */
    public static String url(String commit) {
        return "_commit/" + commit + ".html";
    }

    /** Each page's title and URL by path: what a commit's page shows of the pages as they are now. */
    public static Map<String, Views.Link> pagesNow(List<Page> pages) {
        Map<String, Views.Link> links = new TreeMap<>();
        pages.forEach(page -> links.put(page.path(), new Views.Link(page.title(), page.url())));
        return links;
    }

    /** The commit of this id, if the build's history lists it. */
    public Optional<History.Commit> listed(String id) {
        return Optional.ofNullable(commits.get(id));
    }

    /** The page's bytes; {@code diff} is {@code commit}'s, read from the repository the build read. */
    public byte[] render(Templates templates, History.Commit commit, CommitDiffs.Diff diff) throws IOException {
        return templates.render(TEMPLATE, model(view(commit), diff)).getBytes(StandardCharsets.UTF_8);
    }

    Views.CommitView view(History.Commit commit) {
        return changes.view(commit, DEPTH);
    }

    /** What the build's memo keys a commit's page by besides the template and site values. */
    List<Object> key(History.Commit commit) {
        return List.of(commit.id(), changes.pagesNow(commit));
    }

    Views.SiteView site() {
        return site;
    }

    Map<String, Object> model(Views.CommitView commit, CommitDiffs.Diff diff) {
        Map<String, Object> model = new HashMap<>();
        model.put("site", site);
        model.put("commit", commit);
        model.put("diff", diff);
        return model;
    }
}
