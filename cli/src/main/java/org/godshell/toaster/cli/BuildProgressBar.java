package org.godshell.toaster.cli;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;
import org.godshell.toaster.site.build.BuildProgress;

/**
 * The wiki build's progress bar on a terminal: after the first second (a short build shows nothing), the phase,
 * a bar and its count, redrawn on one line five times a second by its own thread; the build's threads only
 * count. {@link #close} wipes the line, so the summary that follows starts clean.
 */
final class BuildProgressBar implements BuildProgress, AutoCloseable {

    private static final long QUIET_MILLIS = 1_000;
    private static final long REDRAW_MILLIS = 200;
    private static final int WIDTH = 30;

    private final PrintWriter terminal;
    private final AtomicInteger done = new AtomicInteger();
    private final Thread painter;
    private volatile String phase = "";
    private volatile int steps;
    private boolean drawn;

    BuildProgressBar(PrintWriter terminal) {
        this.terminal = terminal;
        painter = Thread.ofPlatform().daemon().name("wiki-build-progress").start(this::paint);
    }

    @Override
    public void begin(String phase, int steps) {
        this.steps = steps;
        done.set(0);
        this.phase = phase;
    }

    @Override
    public void step() {
        done.incrementAndGet();
    }

    private void paint() {
        try {
            Thread.sleep(QUIET_MILLIS);
            while (true) {
                draw(line(phase, done.get(), steps));
                Thread.sleep(REDRAW_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void draw(String line) {
        terminal.print("\r\033[K" + line);
        terminal.flush();
        drawn = true;
    }

    /** One line of the bar: the phase, then the bar and count when the phase's steps are known. */
    static String line(String phase, int done, int steps) {
        if (steps <= 0) {
            return String.format("wiki build: %-8s …", phase);
        }
        int shown = Math.max(0, Math.min(done, steps));
        int filled = (int) ((long) WIDTH * shown / steps);
        return String.format("wiki build: %-8s [%s%s] %d/%d", phase, "#".repeat(filled), ".".repeat(WIDTH - filled),
                shown, steps);
    }

    @Override
    public void close() {
        painter.interrupt();
        try {
            painter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (drawn) {
                terminal.print("\r\033[K");
                terminal.flush();
            }
        }
    }
}
