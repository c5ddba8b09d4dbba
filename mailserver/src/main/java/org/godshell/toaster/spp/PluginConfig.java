package org.godshell.toaster.spp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ControlFile;

/**
 * A parsed smtpplugins file (qmail-spp.md §1): the plugins of each section, in file order.
 *
 * <p>Read as qmail-spp reads it (a {@code [x...]} line opens the section of its letter; lines of unknown
 * sections and lines before any section are ignored), but stricter where qmail-spp would fail at run time: a
 * program that is not an executable file, or an empty {@code :} line, stops the load with {@code file:line}.
 *
 * @param file the file read, or null for "no plugins"
 */
public record PluginConfig(Path file, Map<Section, List<PluginLine>> sections, List<String> warnings) {

    public PluginConfig {
        Map<Section, List<PluginLine>> copy = new EnumMap<>(Section.class);
        sections.forEach((section, plugins) -> copy.put(section, List.copyOf(plugins)));
        sections = copy;
        warnings = List.copyOf(warnings);
    }

    public static PluginConfig none() {
        return new PluginConfig(null, Map.of(), List.of());
    }

    public List<PluginLine> plugins(Section section) {
        return sections.getOrDefault(section, List.of());
    }

    public boolean isEmpty() {
        return sections.values().stream().allMatch(List::isEmpty);
    }

    /**
     * Reads {@code file}; relative program paths are taken from {@code prefix}, where plugins also run.
     *
     * @return empty when the file does not exist
     */
    public static Optional<PluginConfig> load(Path file, Path prefix) throws ConfigException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Map<Section, List<PluginLine>> sections = new EnumMap<>(Section.class);
        List<String> warnings = new ArrayList<>();
        Section current = null;
        boolean inUnknown = false;
        for (ControlFile.Line line : ControlFile.lines(file)) {
            String text = line.text();
            String where = file + ":" + line.number();
            if (text.startsWith("[")) {
                Optional<Section> section = Section.ofHeader(text);
                current = section.orElse(null);
                inUnknown = section.isEmpty();
                if (inUnknown) {
                    warnings.add(where + ": unknown section " + text + "; its plugins are ignored");
                }
                continue;
            }
            if (current == null) {
                if (!inUnknown) {
                    warnings.add(where + ": plugin before any [section] is ignored");
                }
                continue;
            }
            sections.computeIfAbsent(current, s -> new ArrayList<>()).add(plugin(file, line, prefix));
        }
        return Optional.of(new PluginConfig(file, sections, warnings));
    }

    private static PluginLine plugin(Path file, ControlFile.Line line, Path prefix) throws ConfigException {
        String text = line.text().strip();
        String where = file + ":" + line.number();
        if (text.startsWith(":")) {
            String command = text.substring(1).strip();
            if (command.isEmpty()) {
                throw new ConfigException(file, line.number(), "':' with no command; write ':/path/to/plugin "
                        + "arguments...', or remove the line");
            }
            return new PluginLine(where, true, command);
        }
        Path program = prefix.resolve(text).normalize();
        if (!Files.isRegularFile(program) || !Files.isExecutable(program)) {
            throw new ConfigException(file, line.number(), program + " is not an executable file; install the "
                    + "plugin there and chmod 755 it, or comment the line out with #");
        }
        return new PluginLine(where, false, program.toString());
    }
}
