package org.godshell.toaster.tlsrpt.store;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.godshell.toaster.tlsrpt.SessionResult;

/**
 * Reads a day file strictly: every line {@link ResultLine#decode} accepts is handed on, every other line
 * (torn by a crash, edited, too long, without its final line end) is skipped and counted. Reads in one pass
 * and never holds more than one line.
 */
public final class DayReader {

    /** What one read found. */
    public record Counts(long results, long malformed) {}

    private DayReader() {
    }

    /** Reads {@code file}; a file that does not exist holds nothing. */
    public static Counts read(Path file, Consumer<SessionResult> each) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return read(in, each);
        } catch (NoSuchFileException e) {
            return new Counts(0, 0);
        }
    }

    static Counts read(InputStream in, Consumer<SessionResult> each) throws IOException {
        long results = 0;
        long malformed = 0;
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean tooLong = false;
        int b;
        while ((b = in.read()) != -1) {
            if (b != '\n') {
                if (line.size() < ResultLine.MAX_LENGTH) {
                    line.write(b);
                } else {
                    tooLong = true;
                }
                continue;
            }
            Optional<SessionResult> result = tooLong ? Optional.empty()
                    : ResultLine.decode(line.toString(StandardCharsets.ISO_8859_1));
            if (result.isPresent()) {
                each.accept(result.get());
                results++;
            } else if (line.size() > 0 || tooLong) {
                malformed++;
            }
            line.reset();
            tooLong = false;
        }
        if (line.size() > 0 || tooLong) {
            malformed++;                                        // no line end: a write cut short
        }
        return new Counts(results, malformed);
    }
}
