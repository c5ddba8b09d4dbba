package org.godshell.toaster.site.git;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.godshell.toaster.site.output.Views;
import org.godshell.toaster.site.source.Warning;

/**
 * What a push says about the pages it brought: one line per warning and per broken wiki link, by page and line
 * where the line is known (a front-matter problem, the first bad byte of a page shown as an error notice, each
 * line a broken link is written on), every value made {@link Printable}, and no more than {@link #MAX_LINES} lines, the
 * rest counted and left to the wiki's link report. The lines go out as git's "remote:" messages.
 */
final class PushReport {

    static final int MAX_LINES = 30;
    /** Page names and targets are short; a long one is cut so that a line stays one line on a terminal. */
    static final int MAX_VALUE = 120;

    private PushReport() {
    }

    /**
     * {@code source} gives a page's markdown by its repository path, when it can be read. Lines are looked up
     * only for the links shown, so a page with a hundred thousand broken links costs thirty searches; past the
     * cap the rest are counted as items (a warning, or a link however many lines it is on).
     */
    static List<String> lines(Collection<Warning> warnings, Collection<Views.Broken> broken,
                              Function<String, Optional<String>> source) {
        List<String> shown = new ArrayList<>();
        int more = 0;
        for (Warning warning : warnings) {
            if (shown.size() >= MAX_LINES) {
                more++;
                continue;
            }
            String where = (warning.path().isEmpty() ? "wiki" : value(warning.path()))
                    + (warning.line() > 0 ? ":" + warning.line() : "");
            shown.add("wiki: warning: " + where + ": " + value(warning.message()));
        }
        for (Views.Broken link : broken) {
            if (shown.size() >= MAX_LINES) {
                more++;
                continue;
            }
            List<Integer> at = source.apply(link.path()).map(text -> LinkLines.of(text, link.target()))
                    .orElse(List.of());
            String where = value(link.path());
            String what = ": broken link: [[" + value(link.target()) + "]] names no page";
            if (at.isEmpty()) {
                shown.add("wiki: " + where + what);
            }
            int before = shown.size();
            at.stream().limit(MAX_LINES - before).forEach(line -> shown.add("wiki: " + where + ":" + line + what));
            if (at.size() > MAX_LINES - before) {
                more++;                                                 // shown in part: counted with the rest
            }
        }
        if (more > 0) {
            shown.add("wiki: ... and " + more + " more: see the wiki's link report (_report.html)");
        }
        return shown;
    }

    private static String value(String text) {
        return Printable.of(text, MAX_VALUE);
    }
}
