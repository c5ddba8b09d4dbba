package org.godshell.toaster.site.page;

import java.util.Locale;

/**
 * How titles, file names and wiki-link targets meet. A link {@code [[Plugin: rbl]]} finds the page titled
 * "Plugin: rbl" and also the file {@code Plugin-rbl.md}: both reduce to the key "plugin rbl" (lower case,
 * ':' dropped, '-' and '_' read as spaces, runs of spaces as one).
 */
public final class Titles {

    private Titles() {
    }

    /** The comparison key of a title, file name (without .md), alias or link target. */
    public static String key(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean space = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ':') {
                continue;
            }
            if (c == '-' || c == '_' || Character.isWhitespace(c)) {
                if (!space) {
                    out.append(' ');
                    space = true;
                }
                continue;
            }
            out.append(c);
            space = false;
        }
        int end = out.length();
        if (end > 0 && out.charAt(end - 1) == ' ') {
            out.setLength(end - 1);
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /** The title a file name gives without front matter: "Write-your-first-plugin" is "Write your first plugin". */
    public static String fromFileName(String stem) {
        return stem.replace('-', ' ').strip();
    }
}
