package org.godshell.toaster.qmailimport.maildir;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.godshell.toaster.io.AtomicFile;

/**
 * Carries the message files of one {@code cur/} or {@code new/} into the same directory of the toaster's folder,
 * each under exactly its old name (the base name is the POP3 UIDL and the key of the IMAP UID list; the info after
 * {@code :2,} holds the flags). A base name the toaster's folder already has is never carried again.
 */
final class MessageDir {

    /** Failures in a row after which the carry stops: the target is full or unwritable, not one file bad. */
    static final int FAILURES_IN_A_ROW = 20;

    private MessageDir() {
    }

    /**
     * @param there the toaster folder's messages, base name to {@code cur/NAME} or {@code new/NAME}; updated
     */
    static void carry(Job job, Path oldFolder, Path newFolder, String where, String sub, Map<String, String> there)
            throws IOException {
        Path target = newFolder.resolve(sub);
        List<Path> moved = new ArrayList<>();
        long seen = 0;
        int failures = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(oldFolder.resolve(sub))) {
            for (Path entry : entries) {
                if (++seen > job.limits().entriesPerDirectory()) {
                    job.tally().problem(where + sub, "more than " + job.limits().entriesPerDirectory()
                            + " entries: the rest is not carried");
                    break;
                }
                String name = entry.getFileName().toString();
                String at = where + sub + "/" + name;
                Optional<BasicFileAttributes> file = checked(job, entry, name, at);
                if (file.isEmpty()) {
                    continue;
                }
                String base = MaildirNames.base(name);
                String existing = there.get(base);
                if (existing != null) {
                    alreadyThere(job, entry, newFolder.resolve(existing), name, at, moved);
                    continue;
                }
                there.put(base, sub + "/" + name);
                if (!job.write()) {
                    job.tally().messages++;
                    continue;
                }
                try {
                    boolean carried = switch (job.mode()) {
                        case COPY -> job.files().copy(entry, target.resolve(name), newFolder.resolve("tmp"),
                                file.get().lastModifiedTime());
                        case LINK, MOVE -> job.files().link(entry, target.resolve(name));
                    };
                    if (carried) {
                        job.tally().messages++;
                        if (job.mode() == CarryMode.MOVE) {
                            moved.add(entry);
                        }
                    } else {
                        job.tally().messagesAlreadyThere++;
                    }
                    failures = 0;
                } catch (IOException e) {
                    job.tally().problem(at, "not carried: " + e.getMessage());
                    if (++failures == FAILURES_IN_A_ROW) {
                        throw new IOException(FAILURES_IN_A_ROW + " messages in a row could not be carried into "
                                + target + "; the last: " + e.getMessage(), e);
                    }
                }
            }
        }
        if (job.write()) {
            finishMoves(target, oldFolder.resolve(sub), moved);
        }
    }

    /** The entry's attributes when it is a message to carry; otherwise reports why not. */
    private static Optional<BasicFileAttributes> checked(Job job, Path entry, String name, String at)
            throws IOException {
        Optional<String> bad = MaildirNames.messageProblem(name);
        if (bad.isEmpty() && !MaildirNames.roundTrips(entry)) {
            bad = Optional.of("a name that is not valid UTF-8: left behind");
        }
        if (bad.isPresent()) {
            job.tally().problem(at, bad.get());
            return Optional.empty();
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();                            // gone since the listing: nothing to carry
        }
        if (attributes.isSymbolicLink()) {
            job.tally().problem(at, "a symbolic link: not followed, left behind");
            return Optional.empty();
        }
        if (!attributes.isRegularFile()) {
            job.tally().problem(at, "not a regular file: left behind");
            return Optional.empty();
        }
        return Optional.of(attributes);
    }

    /**
     * The toaster's folder has this message already. Its flags win (the user may have changed them on the new
     * server). A MOVE interrupted between the link and the unlink left the old name: when both names are the
     * same file, the old one is unlinked now, which finishes that move.
     */
    private static void alreadyThere(Job job, Path entry, Path existing, String name, String at, List<Path> moved)
            throws IOException {
        job.tally().messagesAlreadyThere++;
        String existingName = existing.getFileName().toString();
        if (!MaildirNames.info(existingName).equals(MaildirNames.info(name))) {
            job.tally().problem(at, "already in the toaster's Maildir as " + existingName
                    + " with other flags: the toaster's flags are kept");
        } else if (job.write() && job.mode() == CarryMode.MOVE && Files.isSameFile(entry, existing)) {
            moved.add(entry);
        }
    }

    /** The new names made durable first, then the old ones removed: a crash in between leaves a link, not a loss. */
    private static void finishMoves(Path target, Path source, List<Path> moved) throws IOException {
        AtomicFile.syncDirectory(target);
        if (moved.isEmpty()) {
            return;
        }
        for (Path old : moved) {
            Files.deleteIfExists(old);
        }
        AtomicFile.syncDirectory(source);
    }
}
