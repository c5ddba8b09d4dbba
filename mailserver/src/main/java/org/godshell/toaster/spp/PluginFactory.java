package org.godshell.toaster.spp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns an smtpplugins line into a {@link Plugin}. qmail-spp's two forms (a program path; {@code :command})
 * are always there; the toaster's own kinds are lines starting with a registered prefix such as
 * {@code builtin:}, which no qmail-spp file uses, since a plugin path of that form would be a relative path.
 * {@code failopen:} in front of any of them wraps it in a {@link FailOpenPlugin}.
 */
final class PluginFactory {

    /** A toaster plugin kind: parses the text after its prefix. */
    interface Kind {
        Plugin parse(String source, String text, String arguments) throws BadPlugin;
    }

    /** A line that cannot be a plugin; the message says why and how to write it. */
    static final class BadPlugin extends Exception {

        @java.io.Serial
        private static final long serialVersionUID = 1L;

        BadPlugin(String message) {
            super(message);
        }
    }

    private final Path home;
    private final PluginRunner runner;
    private final Map<String, Kind> kinds = new LinkedHashMap<>();

    PluginFactory(Path home, PluginRunner runner) {
        this.home = home;
        this.runner = runner;
    }

    /** Registers a toaster plugin kind under {@code prefix} (e.g. {@code "builtin:"}). */
    PluginFactory with(String prefix, Kind kind) {
        kinds.put(prefix, kind);
        return this;
    }

    Plugin create(String source, String line) throws BadPlugin {
        String text = line.strip();
        if (text.startsWith(FailOpenPlugin.PREFIX)) {
            String rest = text.substring(FailOpenPlugin.PREFIX.length()).strip();
            if (rest.isEmpty() || rest.startsWith(FailOpenPlugin.PREFIX)) {
                throw new BadPlugin("'" + FailOpenPlugin.PREFIX + "' must be followed by one plugin line, such as "
                        + "failopen:plugins/scan or failopen:builtin:rspamd");
            }
            return new FailOpenPlugin(text, create(source, rest));
        }
        if (text.startsWith(":")) {
            String command = text.substring(1).strip();
            if (command.isEmpty()) {
                throw new BadPlugin("':' with no command; write ':/path/to/plugin arguments...', or remove the line");
            }
            return new ProcessPlugin(source, text, true, command, runner);
        }
        for (Map.Entry<String, Kind> kind : kinds.entrySet()) {
            if (text.startsWith(kind.getKey())) {
                return kind.getValue().parse(source, text, text.substring(kind.getKey().length()).strip());
            }
        }
        Path program = home.resolve(text).normalize();
        if (!Files.isRegularFile(program) || !Files.isExecutable(program)) {
            throw new BadPlugin(program + " is not an executable file; install the plugin there and chmod 755 it, "
                    + "or comment the line out with #");
        }
        return new ProcessPlugin(source, text, false, program.toString(), runner);
    }
}
