package org.godshell.toaster.tlsrpt.send;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Consumer;
import org.godshell.toaster.io.AtomicFile;

/**
 * {@code var/tlsrpt/last-reported}: the last UTC day whose reports were sent, one {@code YYYY-MM-DD} line,
 * replaced atomically. It is written before a day's reports go out, so that a crash or a restart can lose a
 * day's reports but never send them twice.
 */
public record ReportState(Path file) {

    public static final String NAME = "last-reported";

    public static ReportState in(Path dir) {
        return new ReportState(dir.resolve(NAME));
    }

    /** The day noted; empty when there is no file, or (logged) one that does not hold a date. */
    public Optional<LocalDate> last(Consumer<String> log) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (java.nio.charset.MalformedInputException e) {
            log.accept("tlsrpt: " + file + " is not a date; only yesterday will be reported");
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text.strip(), DateTimeFormatter.ISO_LOCAL_DATE));
        } catch (DateTimeParseException e) {
            log.accept("tlsrpt: " + file + " is not a date; only yesterday will be reported");
            return Optional.empty();
        }
    }

    /** Notes {@code day} as reported, unless a later day already is. */
    public void note(LocalDate day, Consumer<String> log) throws IOException {
        Optional<LocalDate> last = last(log);
        if (last.isPresent() && !last.get().isBefore(day)) {
            return;
        }
        Files.createDirectories(file.getParent());
        AtomicFile.write(file, day + "\n", "rw-------");
    }
}
