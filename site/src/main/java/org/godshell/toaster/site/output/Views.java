package org.godshell.toaster.site.output;

import java.util.List;
import org.godshell.toaster.site.key.Fingerprinted;
import org.godshell.toaster.site.key.KeyWriter;
import org.godshell.toaster.site.render.Rendered;

/**
 * What templates see: plain values, already relative to the page being written. Nulls mean "absent" ({@code ??}).
 * Each view writes all its fields into its {@link Memo} key: a field added to a view goes into its
 * {@code fingerprint} too.
 */
public final class Views {

    private Views() {
    }

    /** A link: text and href. */
    public record Link(String title, String url) implements Fingerprinted {
        @Override
        public void fingerprint(KeyWriter key) {
            key.string(title).string(url);
        }
    }

    /**
     * A navigation entry: a page, a folder with its own entries (a tree), or a section: a heading without a link
     * over its pages, {@code open} when it is shown unfolded.
     */
    public record Nav(String title, String url, boolean folder, boolean current, List<Nav> children,
                      boolean section, boolean open) implements Fingerprinted {

        /** A page or a folder. */
        public Nav(String title, String url, boolean folder, boolean current, List<Nav> children) {
            this(title, url, folder, current, children, false, false);
        }

        static Nav section(String title, boolean open, List<Nav> pages) {
            return new Nav(title, "", false, false, pages, true, open);
        }

        @Override
        public void fingerprint(KeyWriter key) {
            key.string(title).string(url).bool(folder).bool(current).value(children).bool(section).bool(open);
        }
    }

    /** A change as shown in history, recent changes and the feed; {@code commitUrl} is its commit's page. */
    public record ChangeView(String author, String date, String iso, String commit, String shortCommit,
                             String commitUrl, String subject, String kind, String pageTitle, String pageUrl,
                             String path) implements Fingerprinted {
        @Override
        public void fingerprint(KeyWriter key) {
            key.string(author).string(date).string(iso).string(commit).string(shortCommit).string(commitUrl)
                    .string(subject).string(kind).string(pageTitle).string(pageUrl).string(path);
        }
    }

    /** A commit with its changes, for recent changes, the feed and its own page ({@code url}). */
    public record CommitView(String author, String date, String iso, String commit, String shortCommit, String url,
                             String subject, List<ChangeView> changes) implements Fingerprinted {
        @Override
        public void fingerprint(KeyWriter key) {
            key.string(author).string(date).string(iso).string(commit).string(shortCommit).string(url)
                    .string(subject).value(changes);
        }
    }

    /**
     * A broken wiki link: the page it is on, that page's repository path (for messages that name the file), and
     * the target that does not exist.
     */
    public record Broken(Link page, String path, String target) implements Fingerprinted {
        @Override
        public void fingerprint(KeyWriter key) {
            key.value(page).string(path).string(target);
        }
    }

    /** Everything the page template shows. */
    public record PageView(String title, String path, String shellPath, String html, String notice,
                           List<Rendered.Heading> toc,
                           List<Link> tags, ChangeView lastEdit, ChangeView created, String historyUrl,
                           List<Link> backlinks, List<Link> breadcrumbs, List<Nav> nav) implements Fingerprinted {

        /** The same view with other HTML: a memo key's view holds the HTML's digest instead. */
        public PageView withHtml(String other) {
            return new PageView(title, path, shellPath, other, notice, toc, tags, lastEdit, created, historyUrl,
                    backlinks, breadcrumbs, nav);
        }

        /** The same view with its navigation. */
        public PageView withNav(List<Nav> entries) {
            return new PageView(title, path, shellPath, html, notice, toc, tags, lastEdit, created, historyUrl,
                    backlinks, breadcrumbs, entries);
        }

        @Override
        public void fingerprint(KeyWriter key) {
            key.string(title).string(path).string(shellPath).string(html).string(notice).value(toc).value(tags)
                    .value(lastEdit).value(created).string(historyUrl).value(backlinks).value(breadcrumbs)
                    .value(nav);
        }
    }

    /** The site-wide values every template gets as {@code site}. */
    public record SiteView(String title, String root, String url, String cloneUrl, String commit, String shortCommit,
                           String date) implements Fingerprinted {
        @Override
        public void fingerprint(KeyWriter key) {
            key.string(title).string(root).string(url).string(cloneUrl).string(commit).string(shortCommit)
                    .string(date);
        }
    }
}
