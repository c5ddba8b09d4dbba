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
 * where the line is known, every value made {@link Printable}, and no more than {@link #MAX_LINES} lines, the
 * rest counted and left to the wiki's link report. The lines go out as git's "remote:" messages.
 */
final class PushReport {

    static final int MAX_LINES = 30;
    /** Page names and targets are short; a long one is cut so that a line stays one line on a terminal. */
    static final int MAX_VALUE = 120;

    private PushReport() {
    }

    /** {@code source} gives a page's markdown by its repository path, when it can be read. */
    static List<String> lines(Collection<Warning> warnings, Collection<Views.Broken> broken,
                              Function<String, Optional<String>> source) {
        List<String> all = new ArrayList<>();
        for (Warning warning : warnings) {
            all.add("wiki: warning: " + (warning.path().isEmpty() ? "wiki" : value(warning.path())) + ": "
                    + value(warning.message()));
        }
        all.addAll(brokenLines(broken, source));
        return capped(all);
    }

    static List<String> brokenLines(Collection<Views.Broken> broken, Function<String, Optional<String>> source) {
        List<String> all = new ArrayList<>();
        for (Views.Broken link : broken) {
            List<Integer> at = source.apply(link.path()).map(text -> LinkLines.of(text, link.target()))
                    .orElse(List.of());
            String where = value(link.path());
            String what = ": broken link: [[" + value(link.target()) + "]] names no page";
            if (at.isEmpty()) {
                all.add("wiki: " + where + what);
            }
            for (int line : at) {
                all.add("wiki: " + where + ":" + line + what);
            }
        }
        return all;
    }

    static List<String> capped(List<String> all) {
        if (all.size() <= MAX_LINES) {
            return all;
        }
        List<String> shown = new ArrayList<>(all.subList(0, MAX_LINES));
        shown.add("wiki: ... and " + (all.size() - MAX_LINES) + " more: see the wiki's link report "
                + "(_report.html)");
        return shown;
    }

    private static String value(String text) {
        return Printable.of(text, MAX_VALUE);
    }
}
