package org.godshell.toaster.site.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.godshell.toaster.site.page.LinkTargets;
import org.godshell.toaster.site.page.Page;
import org.godshell.toaster.site.source.Limits;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;

/**
 * Renders one page: the nesting and bracket pre-checks, then Flexmark on a fresh platform thread with a 256 MiB
 * stack (so nesting the pre-check misses overflows late, if at all, and a {@link StackOverflowError} stays on
 * that thread) within a {@link Budget} of time and output that really stops it, then the sanitizer. Any failure
 * becomes the page's notice; nothing thrown here escapes to the build, and no rendering thread outlives its
 * page. Thread-safe: pages may render in parallel.
 */
public final class PageRenderer {

    static final String THREAD_NAME = "wiki-render";
    private static final long STACK_BYTES = 256L << 20;
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
        Thread thread = new Thread(null, () -> {
            try {
                StringBuilder out = new StringBuilder();
                markdown.toHtml(new Budget.Input(body, budget), links, new Budget.Output(out, budget));
                html.complete(out.toString());
            } catch (StackOverflowError | RuntimeException e) {
                html.completeExceptionally(e);
            }
        }, THREAD_NAME, STACK_BYTES);
        thread.setDaemon(true);
        thread.start();
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
            stop(thread);
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
     * Interrupts the rendering thread (its budget sees the flag at its next read or write; a thread that is done
     * ignores it) and waits for it to end, so that a page given up on does not go on spending the processor and
     * the heap.
     */
    private static void stop(Thread thread) {
        thread.interrupt();
        boolean interrupted = false;
        while (true) {
            try {
                thread.join(STOP_MILLIS);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static Rendered failed(String notice) {
        return new Rendered("", List.of(), "", List.of(), List.of(), Optional.of(notice), Map.of(), List.of());
    }
}
