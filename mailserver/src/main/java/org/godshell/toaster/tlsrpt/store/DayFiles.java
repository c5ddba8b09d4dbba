package org.godshell.toaster.tlsrpt.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The day files of {@code var/tlsrpt/}: one per UTC day, named {@code YYYY-MM-DD}. Names that are not a date
 * (the state file, an admin's notes) are never read nor deleted here.
 */
public record DayFiles(Path dir) {

    /** {@code PREFIX/var/tlsrpt}. */
    public static DayFiles under(Path prefix) {
        return new DayFiles(prefix.resolve("var").resolve("tlsrpt"));
    }

    public Path file(LocalDate day) {
        return dir.resolve(DateTimeFormatter.ISO_LOCAL_DATE.format(day));
    }

    /** The days that have a file, oldest first; none when the directory does not exist yet. */
    public List<LocalDate> days() throws IOException {
        List<LocalDate> days = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                day(entry.getFileName().toString()).ifPresent(days::add);
            }
        } catch (NoSuchFileException e) {
            return days;
        }
        days.sort(null);
        return days;
    }

    /** Deletes the files of days before {@code oldestKept}; returns how many went. */
    public int deleteBefore(LocalDate oldestKept) throws IOException {
        int deleted = 0;
        for (LocalDate day : days()) {
            if (day.isBefore(oldestKept) && Files.deleteIfExists(file(day))) {
                deleted++;
            }
        }
        return deleted;
    }

    /** The day a file name stands for, only in the one spelling {@link #file} writes. */
    static Optional<LocalDate> day(String name) {
        if (name.length() != 10) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(name, DateTimeFormatter.ISO_LOCAL_DATE));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
