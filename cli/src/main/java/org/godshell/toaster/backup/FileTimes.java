package org.godshell.toaster.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/** Times and modes as the manifest writes them, and back. */
final class FileTimes {

    /** A status change time never seen on a file: the content must be read again next time. */
    static final String UNKNOWN = "0.000000000";

    private static final PosixFilePermission[] BITS = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};

    private FileTimes() {
    }

    static String text(FileTime time) {
        Instant instant = time.toInstant();
        return instant.getEpochSecond() + "." + String.format("%09d", instant.getNano());
    }

    static Instant instant(String text) {
        int dot = text.indexOf('.');
        return Instant.ofEpochSecond(Long.parseLong(text.substring(0, dot)), Long.parseLong(text.substring(dot + 1)));
    }

    /** The status change time of {@code file} (Linux's {@code unix:ctime}), or {@link #UNKNOWN} where there is none. */
    static String ctime(Path file) throws IOException {
        try {
            return text((FileTime) Files.getAttribute(file, "unix:ctime", LinkOption.NOFOLLOW_LINKS));
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return UNKNOWN;
        }
    }

    static int mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (int bit = 0; bit < BITS.length; bit++) {
            if (permissions.contains(BITS[bit])) {
                mode |= 1 << bit;
            }
        }
        return mode;
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (int bit = 0; bit < BITS.length; bit++) {
            if ((mode & 1 << bit) != 0) {
                permissions.add(BITS[bit]);
            }
        }
        return permissions;
    }
}
