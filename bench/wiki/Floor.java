import com.vladsch.flexmark.ext.admonition.AdmonitionExtension;
import com.vladsch.flexmark.ext.anchorlink.AnchorLinkExtension;
import com.vladsch.flexmark.ext.autolink.AutolinkExtension;
import com.vladsch.flexmark.ext.definition.DefinitionExtension;
import com.vladsch.flexmark.ext.footnotes.FootnoteExtension;
import com.vladsch.flexmark.ext.gfm.strikethrough.StrikethroughExtension;
import com.vladsch.flexmark.ext.gfm.tasklist.TaskListExtension;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.ext.toc.TocExtension;
import com.vladsch.flexmark.ext.wikilink.WikiLinkExtension;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.data.MutableDataSet;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathSuffixFilter;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/**
 * The least a wiki build in Java with the toaster's libraries must do, for the floor beside Hugo in
 * bench/wiki.sh: in one fresh JVM, read the pages at the head with JGit, render them with Flexmark (the toaster's
 * extensions and options, no sanitizing, no wiki-link resolution) on every processor, meanwhile walk the history
 * once for each page's last change (JGit, no rename detection: what Hugo's git information gives), and write one
 * HTML file per page around the rendering (no templates, no navigation, no search, no history pages, no sync).
 * Whatever the real build does on top of this is the price of its features; this much is the price of the
 * platform. Compiled with javac first (the source launcher would time its own compilation); REPO is a checkout
 * (its .git is read), OUT a new folder:
 *
 * <pre>
 *   javac -cp 'PREFIX/lib/*' -d CLASSES bench/wiki/Floor.java
 *   java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "CLASSES:PREFIX/lib/*" Floor REPO OUT
 * </pre>
 *
 * Prints "floor N pages, M with a change in T ms" (T from the JVM's start, which is counted as Hugo's is), then
 * where the time went.
 */
public class Floor {

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: Floor REPO OUT");
            System.exit(2);
        }
        Path out = Path.of(args[1]);
        try (Repository repository = new FileRepositoryBuilder().setGitDir(Path.of(args[0], ".git").toFile())
                .setMustExist(true).build()) {
            long begun = System.nanoTime();
            long startMillis = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            ObjectId head = repository.resolve("refs/heads/main");
            Map<String, String> lastChange = new ConcurrentHashMap<>();
            ExecutorService history = Executors.newSingleThreadExecutor();
            Future<Long> walked = history.submit(() -> {
                long from = System.nanoTime();
                walk(repository, head, lastChange);
                return since(from);
            });
            Map<String, String> pages = read(repository, head);
            long readMillis = since(begun);
            List<String> paths = new ArrayList<>(pages.keySet());
            Parser parser = Parser.builder(options()).build();
            HtmlRenderer renderer = HtmlRenderer.builder(options()).build();
            int threads = Runtime.getRuntime().availableProcessors();
            List<String> html = new ArrayList<>(Collections.nCopies(paths.size(), null));
            onEveryProcessor(threads, first -> {
                for (int i = first; i < paths.size(); i += threads) {
                    html.set(i, renderer.render(parser.parse(pages.get(paths.get(i)))));
                }
            });
            long renderMillis = since(begun) - readMillis;
            long walkMillis = walked.get();
            history.shutdown();
            long writing = System.nanoTime();
            onEveryProcessor(threads, first -> {
                for (int i = first; i < paths.size(); i += threads) {
                    Path file = out.resolve(paths.get(i).replaceFirst("\\.md$", ".html"));
                    Files.createDirectories(file.getParent());
                    Files.writeString(file, "<!DOCTYPE html><html><body><main>" + html.get(i) + "</main><footer>"
                            + lastChange.getOrDefault(paths.get(i), "") + "</footer></body></html>\n");
                }
            });
            long millis = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            System.out.printf("floor %d pages, %d with a change in %d ms%n", paths.size(), lastChange.size(), millis);
            System.out.printf("time: start %d ms, read %d ms, render %d ms, history %d ms (beside the rest), "
                    + "write %d ms%n", startMillis, readMillis, renderMillis, walkMillis, since(writing));
        }
    }

    /** A share of the work, the one starting at {@code first} of every {@code threads}th item. */
    private interface Share {
        void run(int first) throws Exception;
    }

    /** Runs {@code threads} shares at once and waits for them; the first failure is thrown. */
    private static void onEveryProcessor(int threads, Share share) throws Exception {
        List<Future<?>> shares = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                int first = t;
                shares.add(pool.submit(() -> {
                    share.run(first);
                    return null;
                }));
            }
            for (Future<?> done : shares) {
                done.get();
            }
        }
    }

    private static long since(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    /** The markdown pages at the head, by path. */
    private static Map<String, String> read(Repository repository, ObjectId head) throws Exception {
        Map<String, String> pages = new ConcurrentHashMap<>();
        try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
            tree.addTree(walk.parseCommit(head).getTree());
            tree.setRecursive(true);
            tree.setFilter(PathSuffixFilter.create(".md"));
            while (tree.next()) {
                pages.put(tree.getPathString(), new String(repository.open(tree.getObjectId(0)).getBytes(),
                        StandardCharsets.UTF_8));
            }
        }
        return pages;
    }

    /** Each page's newest change (commit id), from one walk of every commit diffed against its first parent. */
    private static void walk(Repository repository, ObjectId head, Map<String, String> lastChange) throws Exception {
        try (RevWalk walk = new RevWalk(repository); ObjectReader reader = repository.newObjectReader();
             DiffFormatter diff = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
            diff.setReader(reader, repository.getConfig());
            diff.setDetectRenames(false);
            diff.setPathFilter(PathSuffixFilter.create(".md"));
            walk.markStart(walk.parseCommit(head));
            for (RevCommit commit : walk) {
                ObjectId parent = commit.getParentCount() == 0 ? null
                        : walk.parseCommit(commit.getParent(0)).getTree().getId();
                for (DiffEntry entry : diff.scan(parent, commit.getTree().getId())) {
                    lastChange.putIfAbsent(entry.getNewPath(), commit.name());
                }
            }
        }
    }

    /** The toaster's Flexmark extensions and options (site/.../render/Markdown.java), Flexmark's own autolinks. */
    private static MutableDataSet options() {
        MutableDataSet options = new MutableDataSet();
        options.set(Parser.EXTENSIONS, List.of(TablesExtension.create(), TaskListExtension.create(),
                StrikethroughExtension.create(), AutolinkExtension.create(), FootnoteExtension.create(),
                AnchorLinkExtension.create(), TocExtension.create(), AdmonitionExtension.create(),
                DefinitionExtension.create(), WikiLinkExtension.create()));
        options.set(TablesExtension.COLUMN_SPANS, false);
        options.set(WikiLinkExtension.LINK_FIRST_SYNTAX, false);
        options.set(WikiLinkExtension.ALLOW_ANCHORS, true);
        options.set(HtmlRenderer.RENDER_HEADER_ID, true);
        options.set(HtmlRenderer.GENERATE_HEADER_ID, true);
        options.set(AdmonitionExtension.QUALIFIER_TYPE_MAP, AdmonitionExtension.getQualifierTypeMap());
        options.set(AdmonitionExtension.QUALIFIER_TITLE_MAP, AdmonitionExtension.getQualifierTitleMap());
        options.set(AdmonitionExtension.TYPE_SVG_MAP, AdmonitionExtension.getQualifierSvgValueMap());
        return options;
    }
}
