package org.godshell.toaster.spp;

import java.util.Map;
import java.util.Optional;

/**
 * One plugin of an smtpplugins file, whatever runs it: a program started per command (qmail-spp's kind), or
 * one of the toaster's own kinds. Each run yields qmail-spp output lines, so every kind speaks the same
 * commands with the same meaning, and fails the same way (451).
 */
public interface Plugin {

    /** {@code file:line} of the smtpplugins line, for logs and errors. */
    String source();

    /** The line as the admin wrote it, for {@code toaster showconfig}. */
    String text();

    /** A short name for the 451 reply and the log (qmail-spp names the plugin in its 451). */
    String name();

    /** Runs the plugin for one command; never throws: a failure is a {@link PluginRun} with a reason. */
    PluginRun run(Section section, Map<String, String> environment);

    /**
     * Why this plugin would check nothing in {@code section}, if so: such a line stops the load with
     * {@code file:line} and this reason, rather than run there and silently do nothing. Empty for most kinds.
     */
    default Optional<String> uselessIn(Section section) {
        return Optional.empty();
    }
}
