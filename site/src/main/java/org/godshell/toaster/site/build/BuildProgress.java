package org.godshell.toaster.site.build;

/**
 * What a build tells its caller while it runs, for a progress bar: a phase begins with the number of its steps
 * (0 when not known), then each step is done. Steps are reported from several threads at once, so an
 * implementation must be thread-safe and cheap; it must never throw.
 */
public interface BuildProgress {

    /** Nothing is shown. */
    BuildProgress SILENT = new BuildProgress() {
        @Override
        public void begin(String phase, int steps) {
        }

        @Override
        public void step() {
        }
    };

    void begin(String phase, int steps);

    void step();
}
