package org.godshell.toaster.site.render;

/**
 * What one page's rendering may spend: a deadline and a number of output characters. Flexmark has no way to be
 * stopped, so the budget is checked where it must pass: the page text it reads ({@link Input}) and the HTML it
 * writes ({@link Output}). Past either bound, or once the rendering thread is interrupted, the next read or
 * write throws {@link Exceeded}, which unwinds the parser or renderer and ends the thread. Without this a page
 * that renders in quadratic space (brackets nested thousands deep) ran on after its time limit until the heap
 * was gone. One budget belongs to one rendering thread.
 */
final class Budget {

    /** Reading the clock on every character would cost more than the parsing; every 4,096th is often enough. */
    private static final int CHECK_EVERY = 4096;

    private final long deadlineNanos;
    private final long millis;
    private final long maxOutput;
    private long output;
    private int uncheckedReads;

    Budget(long millis, long maxOutput) {
        this.deadlineNanos = System.nanoTime() + millis * 1_000_000;
        this.millis = millis;
        this.maxOutput = maxOutput;
    }

    private void read() {
        if (++uncheckedReads >= CHECK_EVERY) {
            uncheckedReads = 0;
            checkTime();
        }
    }

    private void wrote(int chars) {
        output += chars;
        if (output > maxOutput) {
            throw new Exceeded("its HTML grew past " + maxOutput + " characters");
        }
        read();
    }

    private void checkTime() {
        if (Thread.currentThread().isInterrupted() || System.nanoTime() - deadlineNanos > 0) {
            throw new Exceeded("it took longer than " + millis + " ms");
        }
    }

    /** The budget ran out; the message says which part. */
    static final class Exceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Exceeded(String message) {
            super(message, null, false, false);
        }
    }

    /** The page text, as Flexmark reads it: each read counts against the deadline. */
    record Input(CharSequence text, Budget budget) implements CharSequence {
        @Override
        public char charAt(int index) {
            budget.read();
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Input(text.subSequence(start, end), budget);
        }

        @Override
        public String toString() {
            budget.checkTime();
            return text.toString();
        }
    }

    /** The HTML, as Flexmark writes it: bounded in size, and each write counts against the deadline. */
    record Output(StringBuilder html, Budget budget) implements Appendable {
        @Override
        public Appendable append(CharSequence chars) {
            CharSequence text = chars == null ? "null" : chars;
            budget.wrote(text.length());
            html.append(text);
            return this;
        }

        @Override
        public Appendable append(CharSequence chars, int start, int end) {
            return append((chars == null ? "null" : chars).subSequence(start, end));
        }

        @Override
        public Appendable append(char c) {
            budget.wrote(1);
            html.append(c);
            return this;
        }
    }
}
