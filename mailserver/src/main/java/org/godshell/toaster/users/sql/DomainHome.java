package org.godshell.toaster.users.sql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.godshell.toaster.io.AtomicFile;
import org.godshell.toaster.layout.Owners;

/**
 * {@code domains/DOMAIN} on the host that adds a domain, its mailbox host, made as the file backend makes it
 * (mode 0750, the service's): {@code toaster domain add} puts the domain's DKIM keys in it next, and its users'
 * Maildirs go there. The other hosts have none; they relay the domain's mail.
 */
final class DomainHome {

    /** As {@code users.Edits} makes a domain's directory: the service's, its group may read (Dovecot). */
    static final String MODE = "rwxr-x---";

    private DomainHome() {
    }

    /**
     * Makes {@code dir} ({@code PREFIX/domains/DOMAIN}) unless it is a directory already (kept from the files
     * this host had before, or a domain removed and added again). A link in its place is neither followed nor
     * replaced: the creation fails.
     */
    static void make(Path dir) throws IOException {
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        AtomicFile.createDirectory(dir, MODE, Owners.of(dir.getParent().getParent())::handOver);
    }
}
