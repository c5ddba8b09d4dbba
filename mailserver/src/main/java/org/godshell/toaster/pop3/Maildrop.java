package org.godshell.toaster.pop3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The mailbox of one logged-in session (RFC 1939's "maildrop"): a Maildir, locked and listed at login, with
 * the session's deletion marks. Nothing on disk changes until {@link #commit} (QUIT, the UPDATE state of RFC
 * 1939 §6); closing without it keeps every message.
 *
 * <p>At login, messages in {@code new/} move to {@code cur/} with the info {@code :2,} (no flags), as
 * qmail-pop3d and Dovecot do when a mailbox is opened: they have been seen by a client now, and an IMAP client
 * reading the same Maildir no longer shows them as recent. See {@link MaildirListing} for what is listed.
 *
 * <p>Not thread-safe: one session's thread uses it.
 */
final class Maildrop implements AutoCloseable {

    /** A message of the listing: its number in this session (from 1), unique id, file and size in CRLF form. */
    record Message(int number, String uid, Path file, long size) {}

    /** What QUIT did: files removed, and files that could not be (they stay, and are listed next time). */
    record Commit(int removed, int failed) {}

    private final MaildirLock lock;
    private final List<Message> messages;
    private final boolean[] deleted;

    private Maildrop(MaildirLock lock, List<Message> messages) {
        this.lock = lock;
        this.messages = List.copyOf(messages);
        this.deleted = new boolean[messages.size()];
    }

    /**
     * Locks and lists {@code maildir}; empty when another session holds it. Throws when the Maildir is missing,
     * is not a real directory (a symbolic link is refused) or cannot be read.
     */
    static Optional<Maildrop> open(Path maildir) throws IOException {
        if (!Files.isDirectory(maildir, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(maildir.toString(), null, "no Maildir (or a symbolic link in its place)");
        }
        Path real = maildir.toRealPath();
        Optional<MaildirLock> lock = MaildirLock.tryAcquire(real);
        if (lock.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Maildrop(lock.get(), MaildirListing.list(real)));
        } catch (IOException | RuntimeException e) {
            lock.get().close();
            throw e;
        }
    }

    /** Messages not marked deleted. */
    int count() {
        int count = 0;
        for (boolean d : deleted) {
            count += d ? 0 : 1;
        }
        return count;
    }

    /** Their total size in octets. */
    long size() {
        long size = 0;
        for (Message message : messages) {
            size += deleted[message.number() - 1] ? 0 : message.size();
        }
        return size;
    }

    /** Every message of the listing, deleted ones included (callers skip those with {@link #deleted}). */
    List<Message> messages() {
        return messages;
    }

    /** Message {@code number} (from 1), if the listing has it. */
    Optional<Message> message(long number) {
        return number >= 1 && number <= messages.size() ? Optional.of(messages.get((int) number - 1))
                : Optional.empty();
    }

    boolean deleted(Message message) {
        return deleted[message.number() - 1];
    }

    void delete(Message message) {
        deleted[message.number() - 1] = true;
    }

    /** RSET: every deletion mark removed. */
    void undeleteAll() {
        java.util.Arrays.fill(deleted, false);
    }

    /**
     * The message's content, read without following a symbolic link. Throws {@link NoSuchFileException} when
     * the file has gone since login (another reader of the Maildir, such as Dovecot's IMAP, removed it).
     */
    InputStream open(Message message) throws IOException {
        return Files.newInputStream(message.file(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * The UPDATE state: removes the files of the marked messages, then syncs the directories so the removal
     * survives a crash. A file already gone counts as removed (the message is no longer there, as asked).
     */
    Commit commit() {
        int removed = 0;
        int failed = 0;
        List<Path> directories = new ArrayList<>();
        for (Message message : messages) {
            if (!deleted[message.number() - 1]) {
                continue;
            }
            try {
                Files.deleteIfExists(message.file());
                removed++;
                if (!directories.contains(message.file().getParent())) {
                    directories.add(message.file().getParent());
                }
            } catch (IOException e) {
                failed++;
            }
        }
        for (Path directory : directories) {
            try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
                channel.force(true);
            } catch (IOException e) {
                // The files are unlinked; without the sync a crash may bring some back: a duplicate, not a loss.
            }
        }
        return new Commit(removed, failed);
    }

    /** Releases the mailbox: the lock goes, the files stay as they are. */
    @Override
    public void close() throws IOException {
        lock.close();
    }
}
