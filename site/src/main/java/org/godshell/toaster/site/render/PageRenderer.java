package org.godshell.toaster.site.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.godshell.toaster.site.page.LinkTargets;
import org.godshell.toaster.site.page.Page;
import org.godshell.toaster.site.source.Limits;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;

/**
 * Renders one page: the nesting and bracket pre-checks, then Flexmark on a platform thread of its own with a
 * 256 MiB stack (so nesting the pre-check misses overflows late, if at all, and a {@link StackOverflowError}
 * stays on that thread, which unwinds and takes the next page) within a {@link Budget} of time and output that
 * really stops it, then the sanitizer. Any failure becomes the page's notice; nothing thrown here escapes to the
 * build, and no rendering outlives its page. Thread-safe: pages may render in parallel.
 */
public final class PageRenderer {

    private static final String THREAD_NAME = "wiki-render";
    private static final long STACK_BYTES = 256L << 20;
    /**
     * The rendering threads, shared by every renderer and kept between pages (60 s idle): a thread a page is
     * a tenth of a millisecond of the processor to start and stop, and its stack's pages are faulted in anew each
     * time (1,000 pages: about 0.2 s of a full build's processor time). A cached pool hands each page to an idle
     * thread or a new one at once, never a queue, so a runaway page delays no other.
     */
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(work -> {
        Thread thread = new Thread(null, work, THREAD_NAME, STACK_BYTES);
        thread.setDaemon(true);
        return thread;
    });
    /** Renderings running now, on every renderer: what the tests see end. */
    private static final AtomicInteger RUNNING = new AtomicInteger();
    /**
     * The HTML a page may render to: 16 characters for each of its own plus 1 MiB. Ordinary markdown grows
     * 2 to 5 times; a page past this grows with the square of some nesting and would not stop at gigabytes.
     */
    private static final long OUTPUT_PER_INPUT_CHAR = 16;
    private static final long OUTPUT_BASE = 1L << 20;
    /** How long a thread past its deadline gets to notice it; it checks every few thousand characters. */
    private static final long STOP_MILLIS = 10_000;
    private final Markdown markdown = new Markdown();
    private final Sanitizer sanitizer = new Sanitizer();
    private final Limits limits;

    public PageRenderer(Limits limits) {
        this.limits = limits;
    }

    public Rendered render(Page page, LinkTargets targets) {
        if (page.notice().isPresent()) {
            return failed(page.notice().get());
        }
        String body = page.body().orElse("");
        int depth = Nesting.depth(body);
        if (depth > limits.maxNesting()) {
            return failed("This page nests quotes or lists " + depth + " levels deep, over the limit of "
                    + limits.maxNesting() + "; it is not rendered.");
        }
        int brackets = Nesting.brackets(body);
        if (brackets > limits.maxNesting()) {
            return failed("This page is too complex to render: its brackets open " + brackets + " deep in one "
                    + "paragraph, over the limit of " + limits.maxNesting() + "; it is not shown.");
        }
        LinkCollector links = new LinkCollector(targets, page);
        CompletableFuture<String> html = new CompletableFuture<>();
        Budget budget = new Budget(limits.renderMillis(), OUTPUT_PER_INPUT_CHAR * body.length() + OUTPUT_BASE);
        CountDownLatch ended = new CountDownLatch(1);
        Future<?> task = THREADS.submit(() -> {
            RUNNING.incrementAndGet();
            try {
                StringBuilder out = new StringBuilder();
                markdown.toHtml(new Budget.Input(body, budget), links, new Budget.Output(out, budget));
                html.complete(out.toString());
            } catch (StackOverflowError | RuntimeException e) {
                html.completeExceptionally(e);
            } finally {
                RUNNING.decrementAndGet();
                ended.countDown();
            }
        });
        String raw;
        try {
            // the thread holds its own deadline; the wait's is a backstop for a loop that neither reads nor writes
            raw = html.get(limits.renderMillis() + STOP_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return failed("This page is too complex to render: it took longer than " + limits.renderMillis()
                    + " ms; it is not shown.");
        } catch (ExecutionException e) {
            return failed(switch (e.getCause()) {
                case Budget.Exceeded over -> "This page is too complex to render: " + over.getMessage()
                        + "; it is not shown.";
                case StackOverflowError deep -> "This page nests too deeply and is not shown.";
                default -> "This page could not be parsed and is not shown.";
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("The build was interrupted while this page rendered.");
        } finally {
            stop(task, ended);
        }
        Document clean = sanitizer.clean(raw);
        // GFM 0.29 §4.10: in a table cell an escaped pipe is a pipe, inside code spans too; Flexmark keeps the
        // backslash there, so `a\|b` in a cell showed as a\|b.
        for (Element code : clean.select("td code, th code")) {
            for (TextNode text : code.textNodes()) {
                text.text(text.getWholeText().replace("\\|", "|"));
            }
        }
        List<Rendered.Heading> headings = new ArrayList<>();
        for (Element heading : clean.select("h1, h2, h3, h4, h5, h6")) {
            headings.add(new Rendered.Heading(heading.tagName().charAt(1) - '0', heading.text(), heading.id()));
        }
        return new Rendered(clean.body().html(), headings, clean.body().text(), List.copyOf(links.reached),
                List.copyOf(links.missing), Optional.empty(), links.resolved, links.headingLinks);
    }

    /**
     * Interrupts the rendering (its budget sees the flag at its next read or write) and waits for it to end, so
     * that a page given up on does not go on spending the processor and the heap. The future's cancel reaches only
     * a rendering still running, never the next page its thread takes: the pool clears the flag between tasks.
     */
    private static void stop(Future<?> task, CountDownLatch ended) {
        task.cancel(true);
        boolean interrupted = false;
        while (true) {
            try {
                ended.await(STOP_MILLIS, TimeUnit.MILLISECONDS);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    static int running() {
        return RUNNING.get();
    }

    private static Rendered failed(String notice) {
        return new Rendered("", List.of(), "", List.of(), List.of(), Optional.of(notice), Map.of(), List.of());
    }
}
