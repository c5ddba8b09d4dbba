package org.godshell.toaster.site.build;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Times a build's phases, in order, for its report, and passes their beginnings on to a {@link BuildProgress}. */
final class Phases {

    private final BuildProgress progress;
    private final Map<String, Long> millis = new LinkedHashMap<>();
    private String current;
    private long started;

    Phases(BuildProgress progress) {
        this.progress = progress;
    }

    /** Ends the phase running, if any, and begins {@code phase} with {@code steps} steps (0: not known). */
    void begin(String phase, int steps) {
        end();
        current = phase;
        started = System.nanoTime();
        progress.begin(phase, steps);
    }

    /** Ends the phase running; a phase met twice (a rebuild after a damaged previous build) adds up. */
    void end() {
        if (current != null) {
            millis.merge(current, (System.nanoTime() - started) / 1_000_000, Long::sum);
            current = null;
        }
    }

    /** Milliseconds per phase, in the order they first ran. */
    Map<String, Long> millis() {
        end();
        return Collections.unmodifiableMap(new LinkedHashMap<>(millis));
    }
}
