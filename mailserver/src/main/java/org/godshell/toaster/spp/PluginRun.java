package org.godshell.toaster.spp;

import java.util.List;
import java.util.Optional;

/**
 * What one run of a plugin gave: its output lines, its stderr, its exit code, and the failure that makes it
 * count as failed (qmail-spp.md §3: exit 120, death by a signal, not starting; and the toaster's own: timeout,
 * too much output).
 *
 * @param exit the exit code, or -1 when the plugin did not start or was killed by us
 */
public record PluginRun(Plugin plugin, List<String> lines, String stderr, int exit, Optional<String> failure,
        long micros) {

    public PluginRun {
        lines = List.copyOf(lines);
    }

    static PluginRun failed(Plugin plugin, String reason, String stderr, long micros) {
        return new PluginRun(plugin, List.of(), stderr, -1, Optional.of(reason), micros);
    }
}
