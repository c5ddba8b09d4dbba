package org.godshell.toaster.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.HashMap;
import java.util.Map;

/**
 * What a file looked like when a daemon read it: its inode, time, size, owner, group and mode. Any difference
 * means read it again, so an edit, a replacement by rename and a fix of owner or mode (which can turn an
 * unreadable file readable) all reach a running daemon. One {@code stat}, no read. The one rule of the toaster's
 * reload for every file it re-reads (control files, DKIM keys).
 *
 * <p>Owner and group are kept as numbers: asking for them as names ({@link PosixFileAttributes#owner()}) makes
 * the JDK look the user and group up (nsswitch.conf, /etc/passwd, /etc/group) on every call, and smtpd takes a
 * stamp of every control file for every connection: that cost more than the rest of an SMTP session's system
 * calls together.
 *
 * @param owner the uid (a name only where the file system has no unix attribute view)
 * @param group the gid (likewise)
 * @param mode  the mode bits (the permission set where there is no unix attribute view)
 */
public record FileStamp(Object fileKey, FileTime modified, long size, Object owner, Object group, Object mode) {

    /** The file is not there. */
    public static final FileStamp ABSENT = new FileStamp(null, FileTime.fromMillis(0), -1, null, null, null);

    private static final String UNIX = "unix:fileKey,lastModifiedTime,size,uid,gid,mode";

    /**
     * The stamp of {@code file} now. A file that cannot be stat'ed gets a stamp carrying the reason, so that the
     * caller reads it and reports why.
     */
    public static FileStamp of(Path file) {
        return new Look().of(file, null);
    }

    /** True when the stamp is of a file that was there: stat'ed, not absent and not failed. */
    boolean present() {
        return size >= 0;
    }

    /**
     * Stamps taken together, as one look at a daemon's settings ({@link Live}, {@link Controls}): each stamp is
     * one system call in the usual case, where before it was two for a present file and three for an absent
     * one, and smtpd takes a few dozen for every connection (bench/README.md, "Intake"). Two shortcuts, neither
     * of which can miss a change the next look would see:
     *
     * <ul>
     *   <li>a file that was there at the last look is stat'ed at once (one {@code statx}); if it has gone the
     *       stat says so ({@link NoSuchFileException}, from ENOENT only), which happens once per deletion;</li>
     *   <li>whether a directory can be searched, which tells an absent file from an unreadable one, is asked
     *       once per look, and not at all when a file in it was just stat'ed: the stat went through it.</li>
     * </ul>
     *
     * Used from one thread, for one look: a directory made unsearchable during a look shows at the next one,
     * as it would had the chmod come a moment later.
     */
    public static final class Look {

        private final Map<Path, Boolean> searchable = new HashMap<>();

        /** The stamp of {@code file} now; {@code last} is its stamp at the previous look, or null. */
        public FileStamp of(Path file, FileStamp last) {
            Path dir = file.toAbsolutePath().getParent();
            // Most control files are absent (their defaults apply), and smtpd stamps each at every connection: an
            // absent file must not cost a NoSuchFileException and its stack trace each time. Files.exists asks
            // without throwing (access(2), JDK 20+), but also says false when the directory cannot be searched:
            // that case goes on to readAttributes, whose error the stamp carries, as before.
            if ((last == null || !last.present()) && !Files.exists(file) && searchable(dir)) {
                return ABSENT;
            }
            try {
                FileStamp stamp = numeric(Files.readAttributes(file, UNIX));
                if (dir != null) {
                    searchable.put(dir, true);
                }
                return stamp;
            } catch (UnsupportedOperationException | IllegalArgumentException e) {
                return named(file);
            } catch (NoSuchFileException e) {
                return ABSENT;
            } catch (IOException e) {
                return failed(e);
            }
        }

        /**
         * True when the nearest existing ancestor can be searched, so that a file that access(2) does not find is
         * truly absent (a missing directory, such as a domain's .dkim/ before its keys are made, holds nothing).
         */
        private boolean searchable(Path dir) {
            if (dir == null) {
                return true;
            }
            Boolean known = searchable.get(dir);
            if (known != null) {
                return known;
            }
            Path existing = dir;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            boolean answer = existing == null || Files.isExecutable(existing);
            searchable.put(dir, answer);
            return answer;
        }
    }

    private static FileStamp numeric(Map<String, Object> a) {
        return new FileStamp(a.get("fileKey"), (FileTime) a.get("lastModifiedTime"), (Long) a.get("size"),
                a.get("uid"), a.get("gid"), a.get("mode"));
    }

    /** Where there is no unix view (not Linux): the POSIX attributes, names and all. */
    private static FileStamp named(Path file) {
        try {
            PosixFileAttributes a = Files.readAttributes(file, PosixFileAttributes.class);
            return new FileStamp(a.fileKey(), a.lastModifiedTime(), a.size(), a.owner(), a.group(), a.permissions());
        } catch (NoSuchFileException e) {
            return ABSENT;
        } catch (IOException | UnsupportedOperationException e) {
            return failed(e);
        }
    }

    private static FileStamp failed(Exception e) {
        return new FileStamp(e.toString(), FileTime.fromMillis(0), -2, null, null, null);
    }
}
