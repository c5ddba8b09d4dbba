package org.godshell.toaster.site.build;

/**
 * Told of each build {@link WikiBuilder#build(BuildOptions, BuildObserver)} runs, for the wiki server's metrics.
 * It gets enums and numbers only, never a commit, path or page name. {@link #NONE} counts nothing.
 */
public interface BuildObserver {

    BuildObserver NONE = (mode, outcome, seconds, pages) -> {
    };

    /** What the builder did: a full build, or one that kept what the previous build made of unchanged inputs. */
    enum Mode {
        FULL, INCREMENTAL;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** OK: the site was published; FAILED: it was not (an error, or a strict build with broken links). */
    enum Outcome {
        OK, FAILED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @param seconds how long the build took, reading to publishing
     * @param pages   the pages of the built site; 0 when the build threw
     */
    void built(Mode mode, Outcome outcome, double seconds, int pages);
}
