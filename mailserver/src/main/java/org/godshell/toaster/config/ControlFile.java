package org.godshell.toaster.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads qmail control files with the rules of qmail's {@code control.c}: each line loses its trailing
 * whitespace; a list file ({@code control_readfile}) skips empty lines and lines starting with {@code #}; a
 * single-value file ({@code control_readline}) is its first line. A missing file is "not configured" and the
 * caller applies its default; a file that exists but cannot be read or decoded is a {@link ConfigException},
 * never the default, so a typo in permissions cannot silently turn a check off.
 *
 * <p>Beyond qmail: a trailing carriage return counts as whitespace (files edited on Windows), and NUL bytes,
 * invalid UTF-8 and files over {@link #MAX_BYTES} are refused, because qmail's C strings would silently cut a
 * line at a NUL and a huge file is a mistake, not a configuration.
 */
public final class ControlFile {

    /** Files larger than this are refused: a control file is a few lines, never megabytes of them. */
    public static final long MAX_BYTES = 10L * 1024 * 1024;

    /** One line of a control file: its 1-based number in the file and its text without trailing whitespace. */
    public record Line(int number, String text) {
        public Line {
            if (number < 1) {
                throw new IllegalArgumentException("line numbers start at 1: " + number);
            }
            Objects.requireNonNull(text, "text");
        }
    }

    private ControlFile() {
    }

    /** A single-value file: its first line (possibly empty), or empty when the file does not exist. */
    public static Optional<String> line(Path file) throws ConfigException {
        return firstLine(file).map(Line::text);
    }

    /** Like {@link #line} but keeps the line number, for error messages about the value. */
    public static Optional<Line> firstLine(Path file) throws ConfigException {
        Optional<byte[]> bytes = read(file);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        List<Line> all = decode(file, bytes.get());
        return Optional.of(all.isEmpty() ? new Line(1, "") : all.get(0));
    }

    /** A list file: its meaningful lines (no blanks, no comments), or an empty list when it does not exist. */
    public static List<Line> lines(Path file) throws ConfigException {
        return list(file).orElse(List.of());
    }

    /** A list file, telling "missing" (empty Optional) apart from "present but empty" (empty list). */
    public static Optional<List<Line>> list(Path file) throws ConfigException {
        Optional<byte[]> bytes = read(file);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(meaningful(decode(file, bytes.get())));
    }

    /** Drops empty lines and {@code #} comments, as {@code control_readfile} does. */
    static List<Line> meaningful(List<Line> all) {
        List<Line> kept = new ArrayList<>();
        for (Line l : all) {
            if (!l.text().isEmpty() && l.text().charAt(0) != '#') {
                kept.add(l);
            }
        }
        return List.copyOf(kept);
    }

    /** The file's bytes, or empty when it does not exist. Anything else that goes wrong is an error. */
    static Optional<byte[]> read(Path file) throws ConfigException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            if (Files.isSymbolicLink(file)) {
                throw new ConfigException(file, 0, "is a symbolic link to a file that does not exist; "
                        + "fix the link or remove it to use the default", e);
            }
            return Optional.empty();
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        if (attributes.isDirectory()) {
            throw new ConfigException(file, 0, "is a directory, not a control file; "
                    + "replace it with a plain file or remove it to use the default");
        }
        if (!attributes.isRegularFile()) {
            throw new ConfigException(file, 0, "is not a plain file (a device, socket or pipe); "
                    + "replace it with a plain file or remove it to use the default");
        }
        if (attributes.size() > MAX_BYTES) {
            throw tooLarge(file);
        }
        try (InputStream in = Files.newInputStream(file)) {
            // Bounded read: the file may grow between the size check and now.
            byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw tooLarge(file);
            }
            return Optional.of(bytes);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private static ConfigException tooLarge(Path file) {
        return new ConfigException(file, 0, "is larger than " + MAX_BYTES / (1024 * 1024)
                + " MB, far more than any control file needs; check that this is the right file");
    }

    private static ConfigException unreadable(Path file, IOException e) {
        if (e instanceof AccessDeniedException) {
            return new ConfigException(file, 0, "cannot be read: permission denied; "
                    + "make it readable by the user the toaster runs as (chmod 644)", e);
        }
        return new ConfigException(file, 0, "cannot be read: " + e + "; "
                + "fix the file or remove it to use the default", e);
    }

    /**
     * Splits into lines at LF, strips trailing whitespace, and refuses NUL bytes and invalid UTF-8 with the
     * line they are on. A final line without LF still counts; the empty text after a final LF does not.
     */
    static List<Line> decode(Path file, byte[] bytes) throws ConfigException {
        List<Line> lines = new ArrayList<>();
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int start = 0;
        int number = 1;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                if (bytes[end] == 0) {
                    throw new ConfigException(file, number, "contains a NUL byte (column " + (end - start + 1)
                            + "); control files are text: remove it");
                }
                end++;
            }
            String text;
            try {
                text = utf8.decode(ByteBuffer.wrap(bytes, start, end - start)).toString();
            } catch (CharacterCodingException e) {
                throw new ConfigException(file, number, "is not valid UTF-8; save the file as UTF-8 text", e);
            }
            lines.add(new Line(number, stripTrailing(text)));
            start = end + 1;
            number++;
        }
        return List.copyOf(lines);
    }

    /** qmail strips spaces and tabs at the end of a line; we also strip CR so CRLF files read the same. */
    static String stripTrailing(String text) {
        int end = text.length();
        while (end > 0) {
            char c = text.charAt(end - 1);
            if (c != ' ' && c != '\t' && c != '\r') {
                break;
            }
            end--;
        }
        return text.substring(0, end);
    }
}
