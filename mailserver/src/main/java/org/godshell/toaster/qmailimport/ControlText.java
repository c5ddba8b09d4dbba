package org.godshell.toaster.qmailimport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ControlFile;
import org.godshell.toaster.config.Key;

/**
 * An old qmail control file checked with the toaster's own parser for the file of that name ({@link Key}), before
 * it is copied: lines as qmail's {@code control.c} reads them (trailing whitespace dropped; for a list, blank and
 * {@code #} lines skipped; for a single value, the first line).
 */
public final class ControlText {

    private ControlText() {
    }

    /** What the toaster's parser says is wrong, with {@code file:line}; empty when the file would load. */
    public static Optional<String> problem(Key<?> key, Path shownAs, byte[] bytes) throws ImportRefusedException {
        if (key.shape() == Key.Shape.OWN) {
            return Optional.of(key + " has a reader of its own; it is not checked here");
        }
        List<ControlFile.Line> lines = new ArrayList<>();
        for (ImportText.Line line : ImportText.lines(bytes)) {
            if (line.text().isEmpty()) {
                return Optional.of(shownAs + ":" + line.number() + ": " + line.problem());
            }
            String text = strip(line.text().get());
            boolean meaningful = !text.isEmpty() && text.charAt(0) != '#';
            if (key.shape() == Key.Shape.LINE || meaningful) {
                lines.add(new ControlFile.Line(line.number(), text));
            }
        }
        if (key.shape() == Key.Shape.LINE) {
            lines = List.of(lines.isEmpty() ? new ControlFile.Line(1, "") : lines.getFirst());
        }
        try {
            key.parser().parse(shownAs, lines);
            return Optional.empty();
        } catch (ConfigException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** qmail strips spaces and tabs at the end of a line (and the toaster a CR too). */
    private static String strip(String text) {
        int end = text.length();
        while (end > 0 && " \t\r".indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        return text.substring(0, end);
    }
}
