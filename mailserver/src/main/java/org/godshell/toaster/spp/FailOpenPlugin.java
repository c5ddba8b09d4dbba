package org.godshell.toaster.spp;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A line prefixed {@code failopen:} ({@code failopen:builtin:rspamd}, {@code failopen:plugins/scan},
 * {@code failopen:persistent:plugins/x}): the plugin after the prefix, except that when it fails (cannot start,
 * crashes, hangs past {@code spptimeout}, prints garbage or too much) the failure is logged and the run counts as
 * one that printed nothing, instead of the usual 451. Fail closed stays the rule; this is the admin's written
 * exception for a check whose outage should not hold up mail, such as a content scanner.
 *
 * <p>The output is checked here, whole, before the session sees it: a plugin that prints a header and then a
 * garbage line is skipped entirely, not half applied.
 *
 * @param text the line as written, prefix included
 */
record FailOpenPlugin(String text, Plugin plugin) implements Plugin {

    static final String PREFIX = "failopen:";

    @Override
    public String source() {
        return plugin.source();
    }

    @Override
    public String name() {
        return plugin.name();
    }

    @Override
    public Optional<String> uselessIn(Section section) {
        return plugin.uselessIn(section);
    }

    @Override
    public PluginRun run(Section section, Map<String, String> environment) {
        PluginRun run = plugin.run(section, environment);
        Optional<String> problem = run.failure();
        if (problem.isEmpty()) {
            try {
                Command.parseAll(run.lines(), section);
            } catch (Command.Garbage e) {
                problem = Optional.of("garbage output: " + e.getMessage());
            }
        }
        if (problem.isEmpty()) {
            return run;
        }
        String note = "failed (" + Command.printable(problem.get()) + "), skipped as " + PREFIX + " asks";
        String stderr = run.stderr().isBlank() ? note : run.stderr().stripTrailing() + "\n" + note;
        return new PluginRun(this, List.of(), stderr, run.exit(), Optional.empty(), run.micros());
    }
}
