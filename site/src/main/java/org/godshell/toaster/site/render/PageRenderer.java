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
 * Renders one page: the nesting pre-check, then Flexmark on a fresh platform thread with a 256 MiB stack (so
 * nesting the pre-check misses overflows late, if at all, and a {@link StackOverflowError} stays on that thread),
 * waited for at most the time limit, then the sanitizer. Any failure becomes the page's notice; nothing thrown
 * here escapes to the build. Thread-safe: pages may render in parallel.
 */
public final class PageRenderer {

    private static final long STACK_BYTES = 256L << 20;
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
        LinkCollector links = new LinkCollector(targets, page);
        CompletableFuture<String> html = new CompletableFuture<>();
        Thread thread = new Thread(null, () -> {
            try {
                html.complete(markdown.toHtml(body, links));
            } catch (StackOverflowError | RuntimeException e) {
                html.completeExceptionally(e);
            }
        }, "wiki-render", STACK_BYTES);
        thread.setDaemon(true);
        thread.start();
        String raw;
        try {
            raw = html.get(limits.renderMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // The thread cannot be stopped; as a daemon it ends with the JVM if it never returns.
            return failed("This page took longer than " + limits.renderMillis() + " ms to render; it is not shown.");
        } catch (ExecutionException e) {
            String why = e.getCause() instanceof StackOverflowError ? "nests too deeply" : "could not be parsed";
            return failed("This page " + why + " and is not shown.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("The build was interrupted while this page rendered.");
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
                List.copyOf(links.missing), Optional.empty(), links.resolved);
    }

    private static Rendered failed(String notice) {
        return new Rendered("", List.of(), "", List.of(), List.of(), Optional.of(notice), Map.of());
    }
}
