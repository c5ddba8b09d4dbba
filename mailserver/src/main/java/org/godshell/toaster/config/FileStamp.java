package org.godshell.toaster.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Set;

/**
 * What a file looked like when a daemon read it: its inode, time, size, owner, group and mode. Any difference
 * means read it again, so an edit, a replacement by rename and a fix of owner or mode (which can turn an
 * unreadable file readable) all reach a running daemon. One {@code stat}, no read. The one rule of the toaster's
 * reload for every file it re-reads (control files, DKIM keys).
 */
public record FileStamp(Object fileKey, FileTime modified, long size, Object owner, Object group,
        Set<?> permissions) {

    /** The file is not there. */
    public static final FileStamp ABSENT = new FileStamp(null, FileTime.fromMillis(0), -1, null, null, Set.of());

    /**
     * The stamp of {@code file} now. A file that cannot be stat'ed gets a stamp carrying the reason, so that the
     * caller reads it and reports why.
     */
    public static FileStamp of(Path file) {
        try {
            PosixFileAttributes a = Files.readAttributes(file, PosixFileAttributes.class);
            return new FileStamp(a.fileKey(), a.lastModifiedTime(), a.size(), a.owner(), a.group(), a.permissions());
        } catch (NoSuchFileException e) {
            return ABSENT;
        } catch (IOException | UnsupportedOperationException e) {
            return new FileStamp(e.toString(), FileTime.fromMillis(0), -2, null, null, Set.of());
        }
    }
}
