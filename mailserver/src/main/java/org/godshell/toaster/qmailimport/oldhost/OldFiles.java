package org.godshell.toaster.qmailimport.oldhost;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.qmailimport.ImportRefusedException;
import org.godshell.toaster.qmailimport.ImportText;
import org.godshell.toaster.qmailimport.LineProblem;
import org.godshell.toaster.qmailimport.Skipped;

/** Reading the old host without following links: files, directory listings, and the skipped items they make. */
final class OldFiles {

    private final List<Skipped> skipped;

    OldFiles(List<Skipped> skipped) {
        this.skipped = skipped;
    }

    /** A file's bytes; empty, with a skipped item, when it is a link, too large or unreadable; empty when absent. */
    Optional<byte[]> read(Path file) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ImportText.read(file));
        } catch (ImportRefusedException e) {
            skip(file.toString(), e.getMessage());
        } catch (IOException e) {
            skip(file.toString(), "cannot be read: " + e.getMessage());
        }
        return Optional.empty();
    }

    /**
     * Whether {@code dir} is a real directory reached from {@code root} without a symbolic link on the way, so
     * that a hostile entry cannot point the import at another tree.
     */
    boolean plainDirectory(Path root, Path dir) {
        Path at = root;
        if (Files.isSymbolicLink(at)) {
            return false;
        }
        for (Path segment : root.relativize(dir)) {
            at = at.resolve(segment);
            if (Files.isSymbolicLink(at)) {
                return false;
            }
        }
        return Files.isDirectory(at, LinkOption.NOFOLLOW_LINKS);
    }

    /** The entries of a directory, sorted by name, links included (the caller skips them); empty when absent. */
    List<Path> list(Path dir) {
        List<Path> entries = new ArrayList<>();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return entries;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(entries::add);
        } catch (IOException e) {
            skip(dir.toString(), "cannot be listed: " + e.getMessage());
        }
        entries.sort(null);
        return entries;
    }

    void skip(String what, String reason) {
        skipped.add(new Skipped(what, reason));
    }

    /** A parser's problems, as skipped items (or notes, for lines imported with something left off). */
    void problems(Path file, List<LineProblem> problems) {
        for (LineProblem problem : problems) {
            String reason = problem.reason();
            String where = file + ":" + problem.line();
            skip(where, reason.startsWith(file + ":") ? reason.substring(reason.indexOf(' ') + 1) : reason);
        }
    }
}
