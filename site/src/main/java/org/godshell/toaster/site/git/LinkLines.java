package org.godshell.toaster.site.git;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines of a page's markdown where a wiki link to a target is written, so that a pusher told of a broken
 * link can go to it. It reads the link grammar the renderer resolves ({@code [[Page]]}, {@code [[label|Page]]},
 * {@code [[Page#section]]}) on each line, comparing the page part stripped, as the renderer does; a link the
 * renderer found but this does not (split across lines, say) gives no line, and the message names the page
 * alone. Line numbers count from 1 at the file's first line, front matter included.
 */
final class LinkLines {

    private LinkLines() {
    }

    static List<Integer> of(String markdown, String target) {
        List<Integer> lines = new ArrayList<>();
        String[] split = markdown.split("\r\n|\r|\n", -1);
        for (int n = 0; n < split.length; n++) {
            if (linksTo(split[n], target)) {
                lines.add(n + 1);
            }
        }
        return lines;
    }

    private static boolean linksTo(String line, String target) {
        for (int open = line.indexOf("[["); open >= 0; open = line.indexOf("[[", open + 2)) {
            int close = line.indexOf("]]", open + 2);
            if (close < 0) {
                return false;
            }
            String inside = line.substring(open + 2, close);
            int bar = inside.indexOf('|');
            String page = bar < 0 ? inside : inside.substring(bar + 1);
            int hash = page.indexOf('#');
            if ((hash < 0 ? page : page.substring(0, hash)).strip().equals(target)) {
                return true;
            }
        }
        return false;
    }
}
