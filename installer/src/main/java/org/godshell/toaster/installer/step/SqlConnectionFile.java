package org.godshell.toaster.installer.step;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.Optional;
import org.godshell.toaster.installer.imap.SqlUsers;
import org.godshell.toaster.io.AtomicFile;

/**
 * Dovecot's connection to the users' database ({@link SqlUsers#FILE}): it holds the role's password, so it is
 * root's, readable by Dovecot's group ({@value SqlUsers#GROUP}, in which its auth process runs) and by nobody else,
 * as Debian ships Dovecot's own dovecot-sql.conf.ext. Without {@code --users} it does not exist. What it held before
 * a write is kept, for putting back when Dovecot refuses the new configuration.
 */
final class SqlConnectionFile {

    static final String MODE = "rw-r-----";

    private final Path file;
    private Optional<String> before = Optional.empty();
    private boolean written;

    SqlConnectionFile(Path file) {
        this.file = file;
    }

    /** Whether the file holds {@code content} with its owner and mode; for empty, whether it is absent. */
    boolean holds(Optional<String> content) throws IOException {
        if (content.isEmpty()) {
            return !Files.exists(file, LinkOption.NOFOLLOW_LINKS);
        }
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                && Files.readString(file, StandardCharsets.UTF_8).equals(content.get())
                && java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file,
                        LinkOption.NOFOLLOW_LINKS)).equals(MODE);
    }

    /** Writes {@code content}, or removes the file when empty; true when that changed anything. */
    boolean write(Optional<String> content) throws IOException, StepException {
        if (holds(content)) {
            return false;
        }
        before = Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
        written = true;
        put(content);
        return true;
    }

    /** Puts back what the file held before {@link #write}. */
    void restore() throws IOException, StepException {
        if (written) {
            put(before);
        }
    }

    private void put(Optional<String> content) throws IOException, StepException {
        if (content.isEmpty()) {
            Files.deleteIfExists(file);
            return;
        }
        GroupPrincipal group;
        try {
            group = file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(SqlUsers.GROUP);
        } catch (UserPrincipalNotFoundException e) {
            throw new StepException("this host has no group " + SqlUsers.GROUP + ", which Dovecot's packages make "
                    + "and its auth process runs in; reinstall dovecot-core, or install with --no-imap");
        }
        Files.createDirectories(file.getParent());
        AtomicFile.write(file, content.get(), "rw-------");
        Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setGroup(group);
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString(MODE));
    }
}
