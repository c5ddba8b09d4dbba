package org.godshell.toaster.layout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import org.godshell.toaster.io.AtomicFile;

/**
 * Which version's shipped documentation the wiki has followed: {@code PREFIX/wiki/docs-version}, written by
 * {@code toaster wiki init} after it merged (or reported) the documentation of the installed version, {@code
 * PREFIX/VERSION}. The installer runs {@code wiki init} again whenever the two differ (after an upgrade, or an
 * upgrade interrupted before the wiki's turn), and not on a rerun that changed nothing.
 */
public final class DocsVersion {

    public static final String FOLLOWED = "wiki/docs-version";
    public static final String INSTALLED = "VERSION";
    /** A version as the build writes it (0.3.0, 0.3.0-SNAPSHOT, 1.0+debian1); anything else is not one. */
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.+~_-]{0,63}");

    private DocsVersion() {
    }

    /** The version installed in {@code prefix}, from its {@code VERSION} file; empty without a valid one. */
    public static Optional<String> installed(Path prefix) throws IOException {
        return firstLine(prefix.resolve(INSTALLED));
    }

    /** The version whose documentation the wiki last followed; empty when none was recorded. */
    public static Optional<String> followed(Path prefix) throws IOException {
        return firstLine(prefix.resolve(FOLLOWED));
    }

    public static void recordFollowed(Path prefix, String version) throws IOException {
        AtomicFile.write(prefix.resolve(FOLLOWED), version + "\n", "rw-r--r--");
    }

    /** Whether the wiki has followed the installed version's documentation. */
    public static boolean upToDate(Path prefix) throws IOException {
        Optional<String> installed = installed(prefix);
        return installed.isPresent() && installed.equals(followed(prefix));
    }

    private static Optional<String> firstLine(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            head = in.readNBytes(256);
        }
        String text = new String(head, StandardCharsets.UTF_8);
        int end = text.indexOf('\n');
        String line = (end < 0 ? text : text.substring(0, end)).strip();
        return VERSION.matcher(line).matches() ? Optional.of(line) : Optional.empty();
    }
}
