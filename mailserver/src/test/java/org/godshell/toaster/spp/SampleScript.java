package org.godshell.toaster.spp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A shipped sample plugin from {@code src/dist/plugins}, run by dash as the engine runs a plugin (the given
 * variables as its whole environment, with PATH and TOASTER_HOME), in a test's prefix.
 */
record SampleScript(String name, Path home) {

    static Path source(String name) {
        return Path.of("").toAbsolutePath().resolve("src/dist/plugins").resolve(name);
    }

    PluginRun run(Section section, Map<String, String> environment) {
        ProcessPlugin plugin = new ProcessPlugin("f:1", ":dash plugins/" + name, true,
                "exec dash '" + source(name) + "'", new PluginRunner(home, Duration.ofSeconds(30)));
        return plugin.run(section, environment);
    }
}
