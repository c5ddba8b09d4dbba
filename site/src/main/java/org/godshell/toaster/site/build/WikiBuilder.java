package org.godshell.toaster.site.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.godshell.toaster.site.history.CommitDiffs;
import org.godshell.toaster.site.history.History;
import org.godshell.toaster.site.history.HistoryWalk;
import org.godshell.toaster.site.output.CommitPage;
import org.godshell.toaster.site.output.Memo;
import org.godshell.toaster.site.output.Site;
import org.godshell.toaster.site.output.SiteComposer;
import org.godshell.toaster.site.output.SiteConfig;
import org.godshell.toaster.site.output.Templates;
import org.godshell.toaster.site.output.Views;
import org.godshell.toaster.site.page.LinkTargets;
import org.godshell.toaster.site.page.Page;
import org.godshell.toaster.site.parallel.Parallel;
import org.godshell.toaster.site.render.PageRenderer;
import org.godshell.toaster.site.render.Rendered;
import org.godshell.toaster.site.source.Snapshot;
import org.godshell.toaster.site.source.TreeReader;
import org.godshell.toaster.site.source.Warning;
import org.godshell.toaster.site.source.WikiRepository;

/**
 * Builds the wiki: the tree at the commit, pages rendered in parallel (one platform thread with a big stack per
 * page, as many at once as there are processors), the history in one walk, the site composed in memory, then
 * published with {@link SiteSwap}.
 *
 * <p>Incremental: when the published site has a usable {@link BuildIndex} beside it, a page whose blob is the
 * same and whose wiki links resolve to the same pages keeps its rendering, the history walk reads only the new
 * commits ({@link IncrementalHistory}), and a file whose inputs are the same is kept from the previous build
 * ({@link Memo}). The result is the same bytes a full build gives, because nothing is kept unless what it was
 * made from is equal; a missing, damaged or foreign index, other templates or settings, or {@code --full}
 * make a full build.
 */
public final class WikiBuilder {

    private WikiBuilder() {
    }

    /**
     * {@link #build(BuildOptions)}, telling {@code observer} the mode, the outcome, the time and the pages. A build
     * that throws is told as failed in the mode it was asked for (its report, which says the mode it fell back to,
     * was never made).
     */
    public static BuildReport build(BuildOptions options, BuildObserver observer) throws IOException {
        long started = System.nanoTime();
        BuildReport report;
        try {
            report = build(options);
        } catch (IOException | RuntimeException | Error e) {
            observer.built(options.full() ? BuildObserver.Mode.FULL : BuildObserver.Mode.INCREMENTAL,
                    BuildObserver.Outcome.FAILED, (System.nanoTime() - started) / 1e9, 0);
            throw e;
        }
        observer.built(report.mode().startsWith("incremental") ? BuildObserver.Mode.INCREMENTAL
                : BuildObserver.Mode.FULL, report.published() ? BuildObserver.Outcome.OK
                : BuildObserver.Outcome.FAILED, (System.nanoTime() - started) / 1e9, report.pages());
        return report;
    }

    public static BuildReport build(BuildOptions options) throws IOException {
        long started = System.nanoTime();
        Phases phases = new Phases(options.progress());
        try (Repository repository = WikiRepository.open(options.repository())) {
            phases.begin("read", 0);
            ObjectId commit = WikiRepository.commit(repository, options.ref());
            SiteSwap swap = new SiteSwap(options.out());
            List<Warning> warnings = new ArrayList<>();
            Snapshot snapshot = new TreeReader(options.limits()).read(repository, commit);
            warnings.addAll(snapshot.warnings());
            Inputs inputs = Inputs.sort(snapshot, warnings);
            String fingerprint = Fingerprint.of(options, inputs.templates());
            Optional<Path> current = swap.current();
            Previous previous = Previous.load(options, inputs, fingerprint, current);
            Composed composed = compose(repository, commit, options, inputs, previous, new ArrayList<>(warnings),
                    phases);
            boolean publish = !options.strict() || composed.site().broken().isEmpty();
            if (publish) {
                phases.begin("publish", 0);
                SiteSwap.Swapped swapped;
                try {
                    swapped = swap.publish(composed.site().files(), composed.site().kept(), current,
                            indexMeanwhile(fingerprint, commit, composed), commit.name());
                } catch (SiteSwap.PreviousDamaged e) {
                    previous = Previous.none("the previous build is damaged (" + e.getMessage() + ")");
                    composed = compose(repository, commit, options, inputs, previous, new ArrayList<>(warnings),
                            phases);
                    phases.begin("publish", 0);
                    swapped = swap.publish(composed.site().files(), composed.site().kept(), current,
                            indexMeanwhile(fingerprint, commit, composed), commit.name());
                }
                // Readers get the new site from here; removing the old builds is not on their way.
                phases.begin("cleanup", 0);
                swap.clean(swapped);
            }
            phases.end();
            long millis = (System.nanoTime() - started) / 1_000_000;
            Site site = composed.site();
            return new BuildReport(commit.name(), composed.pages(), site.files().size() + site.kept().size(),
                    composed.warnings(), site.broken(), site.orphans(), options.out().toAbsolutePath(), millis,
                    publish, composed.rendered(), site.files().size(), site.kept().size(), previous.mode(),
                    phases.millis());
        }
    }

    /** The composed site for a commit, built in full, with the warnings met; nothing is written. */
    public static Composed compose(Repository repository, ObjectId commit, BuildOptions options,
                                   List<Warning> warnings) throws IOException {
        Snapshot snapshot = new TreeReader(options.limits()).read(repository, commit);
        warnings.addAll(snapshot.warnings());
        Inputs inputs = Inputs.sort(snapshot, warnings);
        return compose(repository, commit, options, inputs, Previous.none("full"), warnings,
                new Phases(options.progress()));
    }

    private static Composed compose(Repository repository, ObjectId commit, BuildOptions options, Inputs inputs,
                                    Previous previous, List<Warning> warnings, Phases phases) throws IOException {
        LinkTargets targets = new LinkTargets(inputs.pages(), warnings);
        Map<String, Rendered> rendered = new HashMap<>();
        List<Page> toRender = new ArrayList<>();
        for (Page page : inputs.pages()) {
            Optional<Rendered> kept = previous.rendering(page, inputs.blobs().get(page.path()), targets);
            kept.ifPresentOrElse(result -> rendered.put(page.path(), result), () -> toRender.add(page));
        }
        phases.begin("render", toRender.size());
        rendered.putAll(renderAll(toRender, targets, new PageRenderer(options.limits()), options.progress()));
        for (Page page : inputs.pages()) {
            Rendered result = rendered.get(page.path());
            result.notice().filter(notice -> page.notice().isEmpty())
                    .ifPresent(notice -> warnings.add(new Warning(page.path(), notice)));
        }
        List<String> paths = inputs.pages().stream().map(Page::path).toList();
        phases.begin("history", 0);
        Optional<History> history = previous.history().isEmpty() ? Optional.empty()
                : previous.history().get().head().equals(commit.name()) ? previous.history()
                : IncrementalHistory.extend(repository, commit, previous.history().get(), paths);
        History full = history.isPresent() ? history.get() : HistoryWalk.full(repository, commit, paths);
        Instant time;
        try (RevWalk walk = new RevWalk(repository)) {
            time = walk.parseCommit(commit).getCommitterIdent().getWhenAsInstant();
        }
        Templates templates = new Templates(inputs.templates(), warnings);
        phases.begin("compose", 0);
        SiteComposer.Diffs diffs = ids -> {
            phases.begin("commits", ids.size());
            return new CommitDiffs(repository).read(ids, options.progress()::step);
        };
        // The server renders commit pages and page histories on request, with the built-in templates only: a wiki
        // with its own gets them written, as a static export does.
        boolean staticExport = options.staticExport() || !inputs.templates().isEmpty();
        Site site = new SiteComposer(templates, previous.memo()).compose(new SiteComposer.Input(commit.name(), time,
                inputs.pages(), rendered, full, inputs.attachments(), options.site(), staticExport, diffs));
        warnings.sort(null);
        Map<String, BuildIndex.CachedPage> cache = new HashMap<>();
        for (Page page : inputs.pages()) {
            cache.put(page.path(), new BuildIndex.CachedPage(inputs.blobs().get(page.path()),
                    rendered.get(page.path())));
        }
        return new Composed(site, inputs.pages().size(), List.copyOf(warnings), toRender.size(), cache, full,
                options.site(), CommitPage.pagesNow(inputs.pages()));
    }

    /**
     * A composed site, the number of pages in it and the warnings of its build; how many pages were rendered
     * (the others kept their previous rendering), and the renderings and history the next build starts from;
     * the settings and the pages' titles and URLs, which the server renders commit pages with.
     */
    public record Composed(Site site, int pages, List<Warning> warnings, int rendered,
                           Map<String, BuildIndex.CachedPage> cache, History history, SiteConfig config,
                           Map<String, Views.Link> pagesNow) {
    }

    /**
     * The build index of {@code composed}, encoded on a thread of its own while the site is written and linked:
     * each takes tens of milliseconds of a one-page rebuild, and neither needs the other.
     */
    private static Supplier<byte[]> indexMeanwhile(String fingerprint, ObjectId commit, Composed composed) {
        FutureTask<byte[]> encoding = new FutureTask<>(() -> index(fingerprint, commit, composed));
        Thread.ofVirtual().name("build-index").start(encoding);
        return () -> {
            try {
                return encoding.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while encoding the build index", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                throw new IllegalStateException("encoding the build index failed", e.getCause());
            }
        };
    }

    /** The build index of {@code composed}, remembered for the next build in this process ({@link IndexMemory}). */
    private static byte[] index(String fingerprint, ObjectId commit, Composed composed) {
        BuildIndex index = new BuildIndex(fingerprint, commit.name(), composed.site().keys(), composed.cache(),
                composed.history(), composed.config(), composed.pagesNow());
        IndexCodec.Encoded encoded = IndexCodec.encode(index, IndexMemory.lines());
        IndexMemory.remember(index, encoded);
        return encoded.bytes();
    }

    /** What the previous build left, or nothing, with the reason, for the report. */
    record Previous(String mode, Memo memo, Map<String, BuildIndex.CachedPage> pages, Optional<History> history) {

        static Previous none(String why) {
            return new Previous("full: " + why, Memo.none(), Map.of(), Optional.empty());
        }

        static Previous load(BuildOptions options, Inputs inputs, String fingerprint, Optional<Path> current) {
            if (options.full()) {
                return none("--full");
            }
            if (current.isEmpty()) {
                return none("no previous build");
            }
            if (!inputs.templates().isEmpty()) {
                return none("the wiki has its own templates");
            }
            Path file = SiteSwap.indexOf(current.get());
            byte[] bytes;
            try {
                if (Files.size(file) > IndexCodec.MAX_BYTES) {
                    return none("the build index is over " + IndexCodec.MAX_BYTES + " bytes");
                }
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                return none("no build index beside the previous build");
            } catch (IOException e) {
                return none("the build index cannot be read: " + e.getMessage());
            }
            BuildIndex index;
            try {
                index = IndexMemory.recall(bytes).orElse(null);
                if (index == null) {
                    index = IndexCodec.decode(bytes);
                }
            } catch (IndexCodec.IndexException e) {
                return none("the build index is unusable: " + e.getMessage());
            }
            if (!index.fingerprint().equals(fingerprint)) {
                return none("the generator, templates, settings or repository changed");
            }
            return new Previous("incremental from " + index.commit().substring(0, Math.min(12,
                    index.commit().length())), new Memo(index.keys()), index.pages(), Optional.of(index.history()));
        }

        /** The previous rendering of a page, if its blob is the same and its links resolve as they did. */
        Optional<Rendered> rendering(Page page, String blob, LinkTargets targets) {
            BuildIndex.CachedPage cached = pages.get(page.path());
            if (cached == null || !cached.blob().equals(blob)) {
                return Optional.empty();
            }
            for (Map.Entry<String, String> link : cached.rendered().resolved().entrySet()) {
                if (!targets.find(link.getKey()).map(Page::path).orElse("").equals(link.getValue())) {
                    return Optional.empty();
                }
            }
            return Optional.of(cached.rendered());
        }
    }

    private static Map<String, Rendered> renderAll(List<Page> pages, LinkTargets targets, PageRenderer renderer,
                                                   BuildProgress progress) throws IOException {
        List<Rendered> results = Parallel.map(pages, Parallel.processors(), "rendering", page -> {
            try {
                return renderer.render(page, targets);
            } finally {
                progress.step();
            }
        });
        Map<String, Rendered> rendered = new HashMap<>();
        for (int i = 0; i < pages.size(); i++) {
            rendered.put(pages.get(i).path(), results.get(i));
        }
        return rendered;
    }
}
