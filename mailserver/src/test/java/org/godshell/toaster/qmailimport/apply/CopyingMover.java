package org.godshell.toaster.qmailimport.apply;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A plain real mover for the tests: copies every regular file of the old Maildir that the new one lacks (same
 * relative path), links neither followed nor copied. The real carry-over (Maildir folders, UID lists) is the
 * Maildir carry-over package's; this one is only as smart as these tests need.
 */
final class CopyingMover implements MailboxMover {

    @Override
    public Outcome carry(Path from, Path to, Mode mode) throws IOException {
        return walk(from, to, true);
    }

    @Override
    public Outcome plan(Path from, Path to, Mode mode) throws IOException {
        return walk(from, to, false);
    }

    private static Outcome walk(Path from, Path to, boolean write) throws IOException {
        int messages = 0;
        List<String> problems = new ArrayList<>();
        List<Path> all;
        try (Stream<Path> files = Files.walk(from)) {
            all = files.toList();
        }
        for (Path file : all) {
            Path target = to.resolve(from.relativize(file).toString());
            if (Files.isSymbolicLink(file)) {
                problems.add(file + ": a symbolic link");
            } else if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                if (write) {
                    Files.createDirectories(target);
                }
            } else if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                messages++;
                if (write) {
                    Files.copy(file, target);
                }
            }
        }
        return new Outcome(messages, 0, problems);
    }
}
