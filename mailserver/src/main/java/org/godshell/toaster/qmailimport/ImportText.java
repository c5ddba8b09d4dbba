package org.godshell.toaster.qmailimport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reading the old toaster's text files with hard limits, and splitting them into checked lines. */
public final class ImportText {

    /** A vpasswd of a million users is about 100 MB less than this; anything larger is not a vpasswd. */
    public static final int MAX_BYTES = 64 * 1024 * 1024;
    /** More users than any vpopmail domain holds (vpopmail hashes users into subdirectories well before this). */
    public static final int MAX_LINES = 1_000_000;

    private ImportText() {
    }

    /** One line: its number and its text, or why its bytes are not usable text. */
    record Line(int number, Optional<String> text, String problem) {
    }

    /**
     * Reads {@code file} without following a symbolic link, and at most {@link #MAX_BYTES} + 1 bytes, so that a
     * file that grows while it is read cannot exhaust memory.
     */
    public static byte[] read(Path file) throws IOException, ImportRefusedException {
        if (Files.isSymbolicLink(file) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new ImportRefusedException(file + ": not a regular file (symbolic links are not followed)");
        }
        try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new ImportRefusedException(file + ": larger than " + MAX_BYTES + " bytes, not read");
            }
            return bytes;
        }
    }

    /**
     * The lines of {@code bytes}, each decoded as strict UTF-8 on its own so that one bad line does not spoil the
     * others; one CR before the LF is dropped. NUL, other control characters and invalid UTF-8 make a line a
     * problem.
     */
    static List<Line> lines(byte[] bytes) throws ImportRefusedException {
        if (bytes.length > MAX_BYTES) {
            throw new ImportRefusedException("larger than " + MAX_BYTES + " bytes, not read");
        }
        List<Line> lines = new ArrayList<>();
        int start = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            if (lines.size() == MAX_LINES) {
                throw new ImportRefusedException("more than " + MAX_LINES + " lines, not read");
            }
            int stop = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
            lines.add(line(lines.size() + 1, ByteBuffer.wrap(bytes, start, stop - start)));
            start = end + 1;
        }
        return lines;
    }

    /** A line that holds something: stripped, neither blank nor a {@code #} comment. */
    record Meaningful(int number, String text) {
    }

    /** The lines of {@code bytes} that hold something; one that is not text goes to {@code problems}, skipped. */
    static List<Meaningful> meaningful(byte[] bytes, List<LineProblem> problems) throws ImportRefusedException {
        List<Meaningful> meaningful = new ArrayList<>();
        for (Line line : lines(bytes)) {
            if (line.text().isEmpty()) {
                problems.add(new LineProblem(line.number(), line.problem(), true));
                continue;
            }
            String text = line.text().get().strip();
            if (!text.isEmpty() && !text.startsWith("#")) {
                meaningful.add(new Meaningful(line.number(), text));
            }
        }
        return meaningful;
    }

    private static Line line(int number, ByteBuffer bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            return new Line(number, Optional.empty(), "not valid UTF-8");
        }
        boolean control = text.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f);
        return control ? new Line(number, Optional.empty(), "NUL or another control character")
                : new Line(number, Optional.of(text), "");
    }
}
