package org.godshell.toaster.spp;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A Postfix policy server as a plugin ({@code policy:inet:127.0.0.1:10023}, {@code policy:unix:/path}): each
 * command becomes a policy request, and the answer's action becomes qmail-spp output (see {@link PolicyAction}),
 * so tools written for Postfix, such as postgrey, work unchanged.
 *
 * <p>Fails as a process plugin fails, with the same {@code spptimeout}: no connection, no answer in time, or an
 * answer that is not {@code action=...} and an empty line give 451, never acceptance.
 *
 * @param source {@code file:line}
 * @param text the line as written
 */
record PolicyPlugin(String source, String text, PolicyService service, Duration timeout) implements Plugin {

    /** The {@link PluginFactory.Kind} for {@code policy:} lines. */
    static PolicyPlugin parse(String source, String text, String target, Duration timeout)
            throws PluginFactory.BadPlugin {
        return new PolicyPlugin(source, text, PolicyService.parse(target), timeout);
    }

    @Override
    public String name() {
        return "policy:" + service;
    }

    @Override
    public PluginRun run(Section section, Map<String, String> environment) {
        long start = System.nanoTime();
        try {
            String request = PolicyRequest.encode(PolicyRequest.attributes(section, environment));
            PolicyAction action = PolicyAction.of(service.ask(request, timeout));
            // Notes reach the log the way a process plugin's stderr does.
            return new PluginRun(this, action.lines(), String.join("\n", action.notes()), 0,
                    Optional.empty(), micros(start));
        } catch (PolicyService.Failure e) {
            return PluginRun.failed(this, e.getMessage(), "", micros(start));
        }
    }

    private static long micros(long startNanos) {
        return (System.nanoTime() - startNanos) / 1000;
    }
}
