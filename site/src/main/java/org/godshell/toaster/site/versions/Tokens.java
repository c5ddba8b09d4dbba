package org.godshell.toaster.site.versions;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.diff.Sequence;
import org.eclipse.jgit.diff.SequenceComparator;

/**
 * Text cut into the units a word diff compares: runs of letters and digits (a word), runs of white space, and
 * every other character alone (punctuation, markdown's {@code * # [ ]}). Joined again they give the text back
 * exactly, so a diff of tokens shows every character of both sides.
 */
final class Tokens extends Sequence {

    /** Compares tokens by their text. */
    static final SequenceComparator<Tokens> COMPARATOR = new SequenceComparator<>() {
        @Override
        public boolean equals(Tokens a, int ai, Tokens b, int bi) {
            return a.tokens.get(ai).equals(b.tokens.get(bi));
        }

        @Override
        public int hash(Tokens sequence, int index) {
            return sequence.tokens.get(index).hashCode();
        }
    };

    private final List<String> tokens;

    private Tokens(List<String> tokens) {
        this.tokens = tokens;
    }

    /** The tokens of {@code text}, or null when there are more than {@code max}. */
    static Tokens of(String text, int max) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int start = i;
            int first = text.codePointAt(i);
            i += Character.charCount(first);
            if (word(first) || Character.isWhitespace(first)) {
                boolean isWord = word(first);
                while (i < text.length()) {
                    int next = text.codePointAt(i);
                    if (isWord ? !word(next) : !Character.isWhitespace(next)) {
                        break;
                    }
                    i += Character.charCount(next);
                }
            }
            if (tokens.size() == max) {
                return null;
            }
            tokens.add(text.substring(start, i));
        }
        return new Tokens(tokens);
    }

    private static boolean word(int codePoint) {
        return Character.isLetterOrDigit(codePoint) || Character.getType(codePoint) == Character.NON_SPACING_MARK;
    }

    String join(int from, int to) {
        return String.join("", tokens.subList(from, to));
    }

    @Override
    public int size() {
        return tokens.size();
    }
}
