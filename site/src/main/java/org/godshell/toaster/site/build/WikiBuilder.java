package org.godshell.toaster.site.build;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.godshell.toaster.site.history.History;
import org.godshell.toaster.site.history.HistoryWalk;
import org.godshell.toaster.site.output.Site;
import org.godshell.toaster.site.output.SiteComposer;
import org.godshell.toaster.site.output.Templates;
import org.godshell.toaster.site.page.LinkTargets;
import org.godshell.toaster.site.page.Page;
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
 */
public final class WikiBuilder {

    private WikiBuilder() {
    }

    public static BuildReport build(BuildOptions options) throws IOException {
        long started = System.nanoTime();
        try (Repository repository = WikiRepository.open(options.repository())) {
            ObjectId commit = WikiRepository.commit(repository, options.ref());
            Composed composed = compose(repository, commit, options, new ArrayList<>());
            return publish(options, commit, composed, started);
        }
    }

    /** The composed site for a commit, with the warnings met; nothing is written. */
    public static Composed compose(Repository repository, ObjectId commit, BuildOptions options,
                                   List<Warning> warnings) throws IOException {
        Snapshot snapshot = new TreeReader(options.limits()).read(repository, commit);
        warnings.addAll(snapshot.warnings());
        Inputs inputs = Inputs.sort(snapshot, warnings);
        LinkTargets targets = new LinkTargets(inputs.pages(), warnings);
        Map<String, Rendered> rendered = renderAll(inputs.pages(), targets, new PageRenderer(options.limits()));
        for (Page page : inputs.pages()) {
            Rendered result = rendered.get(page.path());
            result.notice().filter(notice -> page.notice().isEmpty())
                    .ifPresent(notice -> warnings.add(new Warning(page.path(), notice)));
        }
        History history = HistoryWalk.full(repository, commit, inputs.pages().stream().map(Page::path).toList());
        Instant time;
        try (RevWalk walk = new RevWalk(repository)) {
            time = walk.parseCommit(commit).getCommitterIdent().getWhenAsInstant();
        }
        Templates templates = new Templates(inputs.templates(), warnings);
        Site site = new SiteComposer(templates).compose(new SiteComposer.Input(commit.name(), time, inputs.pages(),
                rendered, history, inputs.attachments(), options.site()));
        warnings.sort(null);
        return new Composed(site, inputs.pages().size(), List.copyOf(warnings));
    }

    /** A composed site, the number of pages in it and the warnings of its build. */
    public record Composed(Site site, int pages, List<Warning> warnings) {
    }

    private static BuildReport publish(BuildOptions options, ObjectId commit, Composed composed, long started)
            throws IOException {
        boolean publish = !options.strict() || composed.site().broken().isEmpty();
        if (publish) {
            new SiteSwap(options.out()).publish(composed.site().files(), commit.name());
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new BuildReport(commit.name(), composed.pages(), composed.site().files().size(), composed.warnings(),
                composed.site().broken(), composed.site().orphans(), options.out().toAbsolutePath(), millis,
                publish);
    }

    private static Map<String, Rendered> renderAll(List<Page> pages, LinkTargets targets, PageRenderer renderer)
            throws IOException {
        Semaphore running = new Semaphore(Runtime.getRuntime().availableProcessors());
        Map<String, Future<Rendered>> futures = new HashMap<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Page page : pages) {
                futures.put(page.path(), executor.submit(() -> {
                    running.acquire();
                    try {
                        return renderer.render(page, targets);
                    } finally {
                        running.release();
                    }
                }));
            }
            Map<String, Rendered> rendered = new HashMap<>();
            for (Map.Entry<String, Future<Rendered>> future : futures.entrySet()) {
                rendered.put(future.getKey(), future.getValue().get());
            }
            return rendered;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while rendering", e);
        } catch (ExecutionException e) {
            throw new IOException("rendering failed: " + e.getCause(), e.getCause());
        }
    }
}
