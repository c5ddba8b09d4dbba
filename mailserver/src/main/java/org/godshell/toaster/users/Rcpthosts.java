package org.godshell.toaster.users;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.godshell.toaster.io.AtomicFile;
import org.godshell.toaster.io.Handover;

/**
 * Edits {@code control/rcpthosts} for {@code toaster domain add/remove}: one domain line added or dropped, every
 * other line (comments, wildcards, blank lines) kept as it was, the file replaced atomically so that the SMTP
 * server, which re-reads it, never sees half a list. Lines are compared as qmail reads them: trailing
 * whitespace ignored, case ignored.
 */
final class Rcpthosts {

    private Rcpthosts() {
    }

    /** Adds the domain unless a line names it already; returns whether the file changed. */
    static boolean add(Path file, String domain, Handover handover) throws IOException {
        List<String> lines = read(file);
        if (lines.stream().anyMatch(l -> names(l, domain))) {
            return false;
        }
        lines.add(domain);
        write(file, lines, handover);
        return true;
    }

    /** Drops every line naming the domain; returns whether the file changed. */
    static boolean remove(Path file, String domain, Handover handover) throws IOException {
        List<String> lines = read(file);
        if (!lines.removeIf(l -> names(l, domain))) {
            return false;
        }
        write(file, lines, handover);
        return true;
    }

    /** Whether a line names exactly this domain (not a {@code .domain} wildcard, which the admin wrote). */
    static boolean names(String line, String domain) {
        String d = line.strip().toLowerCase(Locale.ROOT);
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        return d.equals(domain);
    }

    private static List<String> read(Path file) throws IOException {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
            if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
                lines.remove(lines.size() - 1);
            }
            return lines;
        } catch (NoSuchFileException e) {
            return new ArrayList<>();
        }
    }

    private static void write(Path file, List<String> lines, Handover handover) throws IOException {
        StringBuilder text = new StringBuilder();
        lines.forEach(l -> text.append(l).append('\n'));
        // rcpthosts is not secret and the server may run as another user than the admin: world-readable.
        AtomicFile.write(file, text.toString(), "rw-r--r--", handover);
    }
}
