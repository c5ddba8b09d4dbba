package org.godshell.toaster.qmailimport;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An old host's qmail-spp plugin file ({@code control/smtpplugins} and those {@code SPPCONFFILE} names), read as
 * qmail-spp reads it: a {@code [x...]} line opens the section of its letter, each other line is a plugin: a
 * program path, or {@code :command} run through the shell. The toaster reads the same format, so the file is
 * carried over as it is; the programs are only listed, never copied or run, since they must exist on the new host
 * for the toaster to load the file.
 *
 * @param plugins  every plugin line, in file order
 * @param problems lines that are not text
 */
public record SmtpPluginsText(List<Plugin> plugins, List<LineProblem> problems) {

    /** The sections qmail-spp and the toaster know, by letter. */
    private static final String SECTIONS = "chmrdab";

    /**
     * One plugin line.
     *
     * @param section the letter of its section, or {@code '?'} before any or in an unknown one (ignored by both)
     * @param program the program to check on the new host: the path, or the first word of a {@code :} command
     */
    public record Plugin(int line, char section, String text, String program) {
    }

    public SmtpPluginsText {
        plugins = List.copyOf(plugins);
        problems = problems.stream().sorted(Comparator.comparingInt(LineProblem::line)).toList();
    }

    public static SmtpPluginsText parse(byte[] bytes) throws ImportRefusedException {
        List<Plugin> plugins = new ArrayList<>();
        List<LineProblem> problems = new ArrayList<>();
        char section = '?';
        for (ImportText.Meaningful line : ImportText.meaningful(bytes, problems)) {
            String text = line.text();
            if (text.startsWith("[")) {
                char letter = text.length() > 1 ? Character.toLowerCase(text.charAt(1)) : '?';
                section = SECTIONS.indexOf(letter) >= 0 ? letter : '?';
                continue;
            }
            String command = text.startsWith(":") ? text.substring(1).strip() : text;
            String program = command.isEmpty() ? "" : command.split("[ \t]+")[0];
            plugins.add(new Plugin(line.number(), section, text, program));
        }
        return new SmtpPluginsText(plugins, problems);
    }
}
