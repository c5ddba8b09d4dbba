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
 * program that is not an executable file, an empty {@code :} line, a line the {@link PluginFactory} cannot read,
 * or a plugin that would check nothing in its section ({@link Plugin#uselessIn}) stops the load with
 * {@code file:line}.
 *
 * @param file the file read, or null for "no plugins"
 */
public record PluginConfig(Path file, Map<Section, List<Plugin>> sections, List<String> warnings) {

    public PluginConfig {
        Map<Section, List<Plugin>> copy = new EnumMap<>(Section.class);
        sections.forEach((section, plugins) -> copy.put(section, List.copyOf(plugins)));
        sections = copy;
        warnings = List.copyOf(warnings);
    }

    public static PluginConfig none() {
        return new PluginConfig(null, Map.of(), List.of());
    }

    public List<Plugin> plugins(Section section) {
        return sections.getOrDefault(section, List.of());
    }

    public boolean isEmpty() {
        return sections.values().stream().allMatch(List::isEmpty);
    }

    /**
     * Reads {@code file}, making each plugin line with {@code factory}.
     *
     * @return empty when the file does not exist
     */
    static Optional<PluginConfig> load(Path file, PluginFactory factory) throws ConfigException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Map<Section, List<Plugin>> sections = new EnumMap<>(Section.class);
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
            Plugin plugin;
            try {
                plugin = factory.create(where, text);
            } catch (PluginFactory.BadPlugin e) {
                throw new ConfigException(file, line.number(), e.getMessage());
            }
            Optional<String> useless = plugin.uselessIn(current);
            if (useless.isPresent()) {
                throw new ConfigException(file, line.number(), "[" + current.label() + "]: " + useless.get());
            }
            sections.computeIfAbsent(current, s -> new ArrayList<>()).add(plugin);
        }
        return Optional.of(new PluginConfig(file, sections, warnings));
    }
}
