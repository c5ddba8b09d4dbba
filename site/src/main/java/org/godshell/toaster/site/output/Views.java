package org.godshell.toaster.site.output;

import java.util.List;
import org.godshell.toaster.site.render.Rendered;

/** What templates see: plain values, already relative to the page being written. Nulls mean "absent" ({@code ??}). */
public final class Views {

    private Views() {
    }

    /** A link: text and href. */
    public record Link(String title, String url) {
    }

    /** A navigation entry: a page or a folder, with the folder's own entries (a tree). */
    public record Nav(String title, String url, boolean folder, boolean current, List<Nav> children) {
    }

    /** A change as shown in history, recent changes and the feed; {@code commitUrl} is its commit's page. */
    public record ChangeView(String author, String date, String iso, String commit, String shortCommit,
                             String commitUrl, String subject, String kind, String pageTitle, String pageUrl,
                             String path) {
    }

    /** A commit with its changes, for recent changes, the feed and its own page ({@code url}). */
    public record CommitView(String author, String date, String iso, String commit, String shortCommit, String url,
                             String subject, List<ChangeView> changes) {
    }

    /** A broken wiki link: the page it is on and the target that does not exist. */
    public record Broken(Link page, String target) {
    }

    /** Everything the page template shows. */
    public record PageView(String title, String path, String shellPath, String html, String notice,
                           List<Rendered.Heading> toc,
                           List<Link> tags, ChangeView lastEdit, ChangeView created, String historyUrl,
                           List<Link> backlinks, List<Link> breadcrumbs, List<Nav> nav) {

        /** The same view with its navigation. */
        public PageView withNav(List<Nav> entries) {
            return new PageView(title, path, shellPath, html, notice, toc, tags, lastEdit, created, historyUrl,
                    backlinks, breadcrumbs, entries);
        }
    }

    /** The site-wide values every template gets as {@code site}. */
    public record SiteView(String title, String root, String url, String cloneUrl, String commit, String shortCommit,
                           String date) {
    }
}
