package org.godshell.toaster.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * The check of a control file that holds a secret ({@code smarthostauth}, {@code metricstoken}): only its owner
 * may read it, mode 0600 or 0400; anything wider stops the daemon with the chmod that fixes it. The daemon can
 * read it, so its owner is the daemon's user (or root), as the installer lays out every secret.
 */
final class SecretFile {

    private static final Set<PosixFilePermission> TOO_OPEN = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private SecretFile() {
    }

    /** {@code what}: what the file holds, for the message ("passwords", "a token"). */
    static void ownerOnly(Path file, String what) throws ConfigException {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException | IOException e) {
            throw new ConfigException(file, 0, "cannot check its permissions (" + e.getMessage() + "); it holds "
                    + what + ", so the toaster only reads it where it can check that only its owner can", e);
        }
        Set<PosixFilePermission> open = EnumSet.copyOf(TOO_OPEN);
        open.retainAll(permissions);
        if (!open.isEmpty()) {
            throw new ConfigException(file, 0, "can be used by others (" + PosixFilePermissions.toString(permissions)
                    + ") but holds " + what + "; run: chmod 600 " + file);
        }
    }
}
