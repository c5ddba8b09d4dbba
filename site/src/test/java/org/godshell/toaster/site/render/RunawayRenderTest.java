package org.godshell.toaster.site.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.site.page.LinkTargets;
import org.godshell.toaster.site.page.Page;
import org.godshell.toaster.site.source.Limits;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 #11: a page whose rendering grows without end (wiki-link brackets nested 50,000 deep render to
 * gigabytes of HTML). The page gets a "too complex" notice, and no rendering is left running after it: a time
 * limit that only stops the waiting leaves the work eating the processor and the heap.
 */
class RunawayRenderTest {

    @Test
    void bracketBombIsRefusedBeforeParsing() {
        Rendered rendered = render(new PageRenderer(Limits.DEFAULT), "[[".repeat(50_000) + "x" + "]]".repeat(50_000));
        assertTrue(rendered.notice().orElse("").contains("too complex"), rendered.notice().toString());
        assertNoRenderThreadLeft();
    }

    @Test
    void pageThatOutgrowsItsOutputIsStoppedAndItsThreadEnds() {
        // Under the bracket limit, but each level copies what it holds: the HTML grows with the square of the
        // depth, past the output bound for the page.
        int depth = 90;
        String page = ("[[".repeat(depth) + "x" + "]]".repeat(depth) + "\n\n").repeat(400);
        Rendered rendered = render(new PageRenderer(Limits.DEFAULT), page);
        assertTrue(rendered.notice().orElse("").contains("too complex"), rendered.notice().toString());
        assertNoRenderThreadLeft();
    }

    @Test
    void slowPageIsStoppedAtItsTimeLimitAndItsThreadEnds() {
        Limits quick = new Limits(Limits.DEFAULT.maxPageBytes(), Limits.DEFAULT.maxFileBytes(),
                Limits.DEFAULT.maxFiles(), Limits.DEFAULT.maxNesting(), 1);
        String big = "Some *text* with [a link](x) and [[Wiki Link]].\n\n".repeat(20_000);
        Rendered rendered = render(new PageRenderer(quick), big);
        assertTrue(rendered.notice().orElse("").contains("too complex"), rendered.notice().toString());
        assertNoRenderThreadLeft();
    }

    private static Rendered render(PageRenderer renderer, String markdown) {
        Page page = new Page("Bomb.md", "Bomb.html", "Bomb", List.of(), List.of(), Optional.empty(),
                Optional.of(markdown), Optional.empty());
        // generous: the point is that it ends, not how fast
        return assertTimeoutPreemptively(Duration.ofSeconds(120),
                () -> renderer.render(page, new LinkTargets(List.of(page), new ArrayList<>())));
    }

    /**
     * The renderer returns only once its rendering has ended (its thread then waits, idle, for the next page): none
     * may still run here. Tests run one at a time, so no other page renders meanwhile.
     */
    private static void assertNoRenderThreadLeft() {
        assertEquals(0, PageRenderer.running(), "a rendering is still running");
    }
}
