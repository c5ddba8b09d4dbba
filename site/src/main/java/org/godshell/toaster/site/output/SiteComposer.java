package org.godshell.toaster.site.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.godshell.toaster.site.history.Change;
import org.godshell.toaster.site.history.CommitDiffs;
import org.godshell.toaster.site.history.History;
import org.godshell.toaster.site.page.Page;
import org.godshell.toaster.site.page.Titles;
import org.godshell.toaster.site.parallel.Parallel;
import org.godshell.toaster.site.page.Urls;
import org.godshell.toaster.site.render.Rendered;
import org.godshell.toaster.site.source.SourceFile;

/**
 * Lays the rendered pages into templates: each page with its breadcrumbs, navigation, table of contents, last
 * edit and backlinks (and, for a static export, its history page: {@link HistoryPage}); then the site-wide files
 * ({@link SiteListings}). A composer makes one site.
 */
public final class SiteComposer {

    /**
     * Everything a site is made of. {@code rendered} is keyed by page path; {@code staticExport}: write a page per
     * commit and each page's history page (which the server renders on request); {@code diffs} reads commits'
     * diffs, asked only for the commits whose page is written and not kept from the previous build.
     */
    public record Input(String commit, Instant commitTime, List<Page> pages, Map<String, Rendered> rendered,
                        History history, List<SourceFile> attachments, SiteConfig config, boolean staticExport,
                        Diffs diffs) {
    }

    /** The diffs of commits, in the order asked. */
    @FunctionalInterface
    public interface Diffs {
        List<CommitDiffs.Diff> read(List<String> commits) throws IOException;
    }

    private final Templates templates;
    private final Memo memo;
    private final KeyMemory keyMemory = new KeyMemory();
    private final List<Job> pending = new ArrayList<>();
    private final SortedMap<String, byte[]> files = new TreeMap<>();

    /** A file to render: which template, with which model. */
    private record Job(String path, String template, Map<String, Object> model) {
    }

    /** {@code memo} says which files the previous build made alike; they are not rendered again. */
    public SiteComposer(Templates templates, Memo memo) {
        this.templates = templates;
        this.memo = memo;
    }

    public Site compose(Input input) throws IOException {
        SearchFiles search = SearchFiles.start(input);
        Map<String, Page> byPath = new TreeMap<>();
        input.pages().forEach(page -> byPath.put(page.path(), page));
        Map<String, SortedSet<String>> backlinks = new HashMap<>();
        List<Views.Broken> broken = new ArrayList<>();
        for (Page page : input.pages()) {
            Rendered rendered = input.rendered().get(page.path());
            for (String target : rendered.linksTo()) {
                if (!target.equals(page.path())) {
                    backlinks.computeIfAbsent(target, key -> new TreeSet<>()).add(page.path());
                }
            }
            for (String missing : rendered.missing()) {
                broken.add(new Views.Broken(new Views.Link(page.title(), page.url()), page.path(), missing));
            }
            for (Rendered.HeadingLink link : rendered.headingLinks()) {
                Rendered target = input.rendered().get(link.path());
                // a page that could not be rendered has no headings to check against
                if (target != null && target.notice().isEmpty()
                        && target.headings().stream().noneMatch(h -> h.id().equals(link.id()))) {
                    broken.add(new Views.Broken(new Views.Link(page.title(), page.url()), page.path(), link.written()));
                }
            }
        }
        Folders folders = new Folders(input.pages());
        HtmlDigests htmlDigests = HtmlDigests.start();
        Map<String, Views.Link> pagesNow = CommitPage.pagesNow(input.pages());
        Changes changes = Changes.remembering(input.history(), pagesNow);
        HistoryPage histories = new HistoryPage(input.config(), input.history(), changes, pagesNow);
        // a page links here from many pages at the same few depths: each link is made once
        Map<Integer, Map<String, Views.Link>> linksAt = new HashMap<>();
        for (Page page : input.pages()) {
            int depth = page.depth();
            Map<String, Views.Link> links = linksAt.computeIfAbsent(depth, key -> new HashMap<>());
            List<Views.Link> linksHere = backlinks.getOrDefault(page.path(), new TreeSet<>()).stream()
                    .map(from -> links.computeIfAbsent(from, key -> link(byPath.get(key), depth))).toList();
            Views.PageView view = pageView(page, input, changes, linksHere);
            List<Object> navKey = List.of(folders.fingerprint(), page.folder(), page.url(), depth);
            // keyed by the digest of the HTML: see HtmlDigests
            render(page.url(), "page.ftlh", site(input, depth), "page",
                    List.of(view.withHtml(htmlDigests.of(view.html())), navKey),
                    () -> view.withNav(folders.nav(folders.top(), page.folder(), page.url(), depth, false)));
            if (input.staticExport()) {
                render(HistoryPage.url(page.path()), HistoryPage.TEMPLATE, histories.site(page.path()), "page",
                        histories.view(page.path()));
            }
        }
        htmlDigests.finish();
        addFormerNames(input, byPath, changes);
        for (Folders.Folder folder : folders.all().values()) {
            int depth = folder.path().isEmpty() ? 0 : folder.path().split("/").length;
            Map<String, Object> view = Map.of("title", folder.title(), "path", folder.path(),
                    "entries", folders.nav(folder, folder.path(), folder.url(), depth, true),
                    "breadcrumbs", breadcrumbs(folder.path(), depth));
            render(folder.url(), "section.ftlh", site(input, depth), "section", view);
        }
        flush();
        if (!byPath.containsKey("Home.md") && !memo.keep("index.html", "copy" + memo.keys().get("_contents.html"))) {
            files.put("index.html", files.get("_contents.html"));
        }
        List<Views.Link> orphans = input.pages().stream()
                .filter(page -> !page.path().equals("Home.md") && !backlinks.containsKey(page.path()))
                .map(page -> new Views.Link(page.title(), page.url())).toList();
        new SiteListings(templates, this).add(input, changes, broken, orphans, search);
        if (input.staticExport()) {
            new CommitPages(this, memo).add(input, new CommitPage(site(input, CommitPage.DEPTH), changes,
                    input.history()));
        }
        for (SourceFile attachment : input.attachments()) {
            copy(attachment.path(), attachment.content().orElseThrow());
        }
        flush();
        keyMemory.remember();
        changes.remember();
        return new Site(files, memo.kept(), memo.keys(), broken, orphans);
    }

    /**
     * A redirect at each former name of a renamed page, and the history page of each deleted page: its history
     * stays readable, and its old versions reachable from it. Neither makes a link report entry.
     */
    private void addFormerNames(Input input, Map<String, Page> byPath, Changes changes) throws IOException {
        Set<String> attachments = new HashSet<>();
        input.attachments().forEach(file -> attachments.add(file.path()));
        Map<String, List<Change>> deleted = FormerNames.deleted(input.history(), byPath);
        for (FormerNames.Redirect redirect : FormerNames.redirects(input.history(), byPath, attachments).values()) {
            int depth = (int) redirect.url().chars().filter(c -> c == '/').count();
            render(redirect.url(), "redirect.ftlh", site(input, depth), "redirect", link(redirect.to(), depth));
            // the old name's history page leads to the history, unless a deleted page of that name keeps its own
            if (!deleted.containsKey(redirect.oldPath())) {
                String stem = redirect.oldPath().substring(0, redirect.oldPath().length() - ".md".length());
                render("_history/" + stem + ".html", "redirect.ftlh", site(input, depth + 1), "redirect",
                        new Views.Link("History of " + redirect.to().title(),
                                Urls.root(depth + 1) + Urls.encodePath(HistoryPage.url(redirect.to().path()))));
            }
        }
        for (Map.Entry<String, List<Change>> page : deleted.entrySet()) {
            String path = page.getKey();
            String stem = path.substring(0, path.length() - ".md".length());
            int depth = (int) path.chars().filter(c -> c == '/').count() + 1;
            List<Views.ChangeView> history = page.getValue().stream().map(change -> changes.view(change, depth))
                    .toList();
            render("_history/" + stem + ".html", "history.ftlh", site(input, depth), "page",
                    Map.of("title", Titles.fromFileName(stem.substring(stem.lastIndexOf('/') + 1)), "url", "",
                            "path", path, "changes", history, "deleted", true));
        }
    }

    /** The page's view without its navigation, which {@link Views.PageView#withNav} adds when it is rendered. */
    private Views.PageView pageView(Page page, Input input, Changes changes, List<Views.Link> backlinks) {
        int depth = page.depth();
        Rendered rendered = input.rendered().get(page.path());
        List<Rendered.Heading> toc = rendered.headings().stream().filter(h -> h.level() >= 2 && h.level() <= 3)
                .toList();
        List<Views.Link> tags = page.tags().stream()
                .map(tag -> new Views.Link(tag, Urls.root(depth) + Urls.encodePath(SiteListings.tagUrl(tag))))
                .toList();
        Views.ChangeView last = input.history().lastEdit(page.path()).map(c -> changes.view(c, depth)).orElse(null);
        Views.ChangeView created = input.history().creation(page.path()).map(c -> changes.view(c, depth))
                .orElse(null);
        String notice = rendered.notice().or(page::notice).orElse(null);
        return new Views.PageView(page.title(), page.path(), shellQuoted(page.path()), rendered.html(), notice,
                toc, tags, last, created, Urls.root(depth) + Urls.encodePath(HistoryPage.url(page.path())), backlinks,
                breadcrumbs(page.folder(), depth), List.of());
    }

    /** A path as one word for a POSIX shell: bare when that is safe, else in single quotes. */
    static String shellQuoted(String path) {
        return path.matches("[A-Za-z0-9._/+-]+") ? path : "'" + path.replace("'", "'\\''") + "'";
    }

    /** Home, then each folder on the way down to {@code folder}. */
    static List<Views.Link> breadcrumbs(String folder, int depth) {
        List<Views.Link> crumbs = new ArrayList<>();
        crumbs.add(new Views.Link("Home", Urls.root(depth) + "index.html"));
        if (!folder.isEmpty()) {
            String path = "";
            for (String segment : folder.split("/")) {
                path = path.isEmpty() ? segment : path + "/" + segment;
                crumbs.add(new Views.Link(segment.replace('-', ' '),
                        Urls.root(depth) + Urls.encodePath(path + "/index.html")));
            }
        }
        return crumbs;
    }

    static Views.Link link(Page page, int depth) {
        return new Views.Link(page.title(), Urls.root(depth) + Urls.encodePath(page.url()));
    }

    /**
     * The site values of a file that does not name the built commit: its bytes then change only when what it
     * shows changes, so an incremental build leaves it alone.
     */
    Views.SiteView site(Input input, int depth) {
        return site(input.config(), depth);
    }

    static Views.SiteView site(SiteConfig config, int depth) {
        return new Views.SiteView(config.title(), Urls.root(depth), config.siteUrl(), config.cloneUrl(), null, null,
                null);
    }

    /** The site values of a file that names the built commit and its date (recent changes, the link report). */
    Views.SiteView siteAtCommit(Input input, int depth) {
        SiteConfig config = input.config();
        return new Views.SiteView(config.title(), Urls.root(depth), config.siteUrl(), config.cloneUrl(),
                input.commit(), input.commit().substring(0, 12), Dates.shown(input.commitTime()));
    }

    /** Renders a template into {@code path}, unless the previous build rendered it from the same model. */
    void render(String path, String template, Views.SiteView site, String key, Object view) throws IOException {
        render(path, template, site, key, view, () -> view);
    }

    /**
     * Renders a template into {@code path} unless the previous build rendered it from the same inputs, which
     * {@code keyView} stands for: equal key views make equal views. The view is made only when rendering.
     */
    void render(String path, String template, Views.SiteView site, String key, Object keyView,
                Supplier<Object> view) throws IOException {
        if (memo.keep(path, keyMemory.key(path, template, site, key, keyView))) {
            return;
        }
        Map<String, Object> model = new HashMap<>();
        model.put("site", site);
        model.put(key, view.get());
        enqueue(path, template, model);
    }

    /** Queues a file to render; {@link #flush} renders the queue. */
    void enqueue(String path, String template, Map<String, Object> model) {
        pending.add(new Job(path, template, model));
    }

    /**
     * Renders the queued files into the site, on as many threads as there are processors: templates and
     * their models are only read, so files render independently (a full build's thousands of them).
     */
    private void flush() throws IOException {
        List<byte[]> rendered = Parallel.map(pending, Parallel.processors(), "laying out the site",
                job -> templates.render(job.template(), job.model()).getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < pending.size(); i++) {
            files.put(pending.get(i).path(), rendered.get(i));
        }
        pending.clear();
    }

    /** Puts a file made elsewhere, unless the previous build had the same bytes there. */
    void copy(String path, byte[] content) {
        if (!memo.keep(path, keyMemory.key(path, content))) {
            files.put(path, content);
        }
    }

    /** The newest change of each page, for the sitemap's lastmod. */
    static Map<String, Change> lastEdits(Input input) {
        Map<String, Change> last = new TreeMap<>();
        for (Page page : input.pages()) {
            input.history().lastEdit(page.path()).ifPresent(change -> last.put(page.path(), change));
        }
        return last;
    }
}
