package org.godshell.toaster.site.render;

/**
 * Pre-checks before Flexmark sees a page. Brackets: Flexmark renders a wiki link or link nested inside another
 * once per enclosing level, so the HTML grows with the square of the depth ({@code [[} 50,000 deep is gigabytes);
 * the deepest run of unclosed brackets in one paragraph is counted, and a page past the limit is refused.
 * Blocks: the parser and renderer recurse once per level of block quotes and lists and overflow a thread's stack
 * near 1,000 levels. The depth a line opens is its '>' markers, its list markers ("- ", "* ", "+ ", "1. ", "1) ")
 * and one level per two columns of indentation; a page deeper than the limit is refused before parsing. (The rendering thread's large stack and its catch of StackOverflowError are the
 * second line, for nesting this count does not see.)
 */
final class Nesting {

    private Nesting() {
    }

    /** The deepest level any line of the text opens. */
    static int depth(String text) {
        int deepest = 0;
        int lineStart = 0;
        while (lineStart <= text.length()) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = text.length();
            }
            deepest = Math.max(deepest, lineDepth(text, lineStart, lineEnd));
            lineStart = lineEnd + 1;
        }
        return deepest;
    }

    /** The most brackets open at once in one paragraph (a blank line closes them all); {@code \[} is not one. */
    static int brackets(String text) {
        int deepest = 0;
        int open = 0;
        boolean blankSoFar = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
                blankSoFar = false;
            } else if (c == '\n') {
                if (blankSoFar) {
                    open = 0;
                }
                blankSoFar = true;
            } else if (c == '[') {
                deepest = Math.max(deepest, ++open);
                blankSoFar = false;
            } else if (c == ']') {
                open = Math.max(0, open - 1);
                blankSoFar = false;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                blankSoFar = false;
            }
        }
        return deepest;
    }

    private static int lineDepth(String text, int start, int end) {
        int markers = 0;
        int columns = 0;
        int i = start;
        while (i < end) {
            char c = text.charAt(i);
            if (c == ' ') {
                columns++;
            } else if (c == '\t') {
                columns += 4;
            } else if (c == '>') {
                markers++;
            } else if ((c == '-' || c == '*' || c == '+') && i + 1 < end && text.charAt(i + 1) == ' ') {
                markers++;
            } else if (Character.isDigit(c)) {
                int j = i;
                while (j < end && j - i < 9 && Character.isDigit(text.charAt(j))) {
                    j++;
                }
                if (j + 1 < end && (text.charAt(j) == '.' || text.charAt(j) == ')') && text.charAt(j + 1) == ' ') {
                    markers++;
                    i = j;
                } else {
                    break;
                }
            } else {
                break;
            }
            i++;
        }
        return markers + columns / 2;
    }
}
