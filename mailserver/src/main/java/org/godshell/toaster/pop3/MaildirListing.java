package org.godshell.toaster.pop3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Lists a locked Maildir for POP3: moves {@code new/} into {@code cur/}, then takes the regular files of
 * {@code cur/} (and of {@code new/}, for any that could not move), sorted by name, which begins with the
 * delivery time in qmail's naming. Symbolic links, directories, devices and names starting with a dot are left
 * out, and no link is ever followed.
 *
 * <p>The unique id (UIDL, RFC 1939 §7) is the file's base name, the part before the {@code :} of the Maildir
 * info: unique in a Maildir by construction, and unchanged when flags are added, so clients keep recognising
 * messages across sessions. It equals Dovecot's {@code pop3_uidl_format = %f}. A base name that RFC 1939 does
 * not allow as an id (longer than 70 octets, or octets outside 0x21-0x7E) or that repeats, is replaced by a
 * hash of its path inside the Maildir, which is just as stable.
 */
final class MaildirListing {

    /** RFC 1939 §7: a unique-id is 1 to 70 octets in 0x21 to 0x7E. */
    static final int MAX_UID = 70;

    private MaildirListing() {}

    static List<Maildrop.Message> list(Path maildir) throws IOException {
        Path cur = maildir.resolve("cur");
        Path fresh = maildir.resolve("new");
        requireDirectory(cur);
        requireDirectory(fresh);
        moveNew(fresh, cur);
        List<Path> files = new ArrayList<>(regularFiles(cur));
        files.addAll(regularFiles(fresh));
        files.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        List<Maildrop.Message> messages = new ArrayList<>();
        Set<String> uids = new HashSet<>();
        for (Path file : files) {
            long size;
            try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                size = MessageText.size(in);
            } catch (NoSuchFileException e) {
                continue;                                               // removed meanwhile by another reader
            }
            String uid = uid(maildir, file);
            if (!uids.add(uid)) {
                uid = hashed(maildir, file);
                uids.add(uid);
            }
            messages.add(new Maildrop.Message(messages.size() + 1, uid, file, size));
        }
        return messages;
    }

    private static void requireDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(dir.toString(), null, "not a Maildir directory (missing or a link)");
        }
    }

    /** {@code new/NAME} → {@code cur/NAME:2,}; a name that already has info keeps it. */
    private static void moveNew(Path fresh, Path cur) throws IOException {
        for (Path file : regularFiles(fresh)) {
            String name = file.getFileName().toString();
            Path target = cur.resolve(name.indexOf(':') >= 0 ? name : name + ":2,");
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                continue;                                               // listed from new/ instead; nothing lost
            }
            try {
                Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (NoSuchFileException | FileAlreadyExistsException e) {
                // Moved or removed by another reader (Dovecot) at the same moment: it is where that reader put it.
            }
        }
    }

    private static List<Path> regularFiles(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (entry.getFileName().toString().startsWith(".")) {
                    continue;
                }
                try {
                    if (Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                            .isRegularFile()) {
                        files.add(entry);
                    }
                } catch (NoSuchFileException e) {
                    // Gone between the listing and the look.
                }
            }
        }
        return files;
    }

    static String uid(Path maildir, Path file) {
        String name = file.getFileName().toString();
        int colon = name.indexOf(':');
        String base = colon < 0 ? name : name.substring(0, colon);
        return validUid(base) ? base : hashed(maildir, file);
    }

    static boolean validUid(String uid) {
        if (uid.isEmpty() || uid.length() > MAX_UID) {
            return false;
        }
        return uid.chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
    }

    /** 64 hex digits of SHA-256 over {@code cur/NAME} or {@code new/NAME}: within 70 octets, stable. */
    private static String hashed(Path maildir, Path file) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(maildir.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
