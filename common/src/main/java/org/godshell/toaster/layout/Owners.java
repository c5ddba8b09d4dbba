package org.godshell.toaster.layout;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Optional;

/**
 * Hands what a {@code toaster} command creates under the prefix to the account the {@link Layout} names, before
 * it is visible under its name: run as root, {@code toaster user add} must leave {@code domains/DOMAIN/passwd}
 * and the new Maildir the service's, as the installer made them, or every delivery to the domain fails. Run as
 * the owner already (the daemons, an unprivileged install) it changes nothing.
 *
 * @param prefix   the install, absolute and normalized
 * @param accounts its admin and service accounts
 */
public record Owners(Path prefix, Accounts accounts) {

    /** The owners of the install in {@code prefix}, as its install record says. */
    public static Owners of(Path prefix) throws IOException {
        Path root = prefix.toAbsolutePath().normalize();
        return new Owners(root, Accounts.of(root));
    }

    /** The account {@code path} must belong to; empty outside the prefix and where no rule says. */
    public Optional<Accounts.Account> accountFor(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        if (!absolute.startsWith(prefix) || absolute.equals(prefix)) {
            return Optional.empty();
        }
        return Layout.ruleFor(prefix.relativize(absolute)).map(rule -> switch (rule) {
            case Layout.AdminTree admin -> accounts.admin();
            case Layout.ServiceTree tree -> accounts.service();
            case Layout.ServiceSecret secret -> accounts.service();
        });
    }

    /**
     * Gives {@code created} (a temp file about to be renamed to {@code target}, or {@code target} itself) the
     * account that {@code target} must belong to. A link is never changed, nor what it points to.
     *
     * @throws IOException when the owner cannot be changed (only root may give a file away): the write must fail
     *                     rather than leave a file the daemons cannot read
     */
    public void handOver(Path created, Path target) throws IOException {
        Optional<Accounts.Account> account = accountFor(target);
        if (account.isEmpty() || Files.isSymbolicLink(created)) {
            return;
        }
        PosixFileAttributeView view = Files.getFileAttributeView(created, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        PosixFileAttributes now = view.readAttributes();
        try {
            if (!now.owner().equals(account.get().user())) {
                view.setOwner(account.get().user());
            }
            if (!now.group().equals(account.get().group())) {
                view.setGroup(account.get().group());
            }
        } catch (IOException e) {
            throw new IOException("cannot give " + target + " to " + account.get() + " (" + e.getMessage()
                    + "): run this command as root or as " + account.get().user().getName(), e);
        }
    }

    /** {@link #handOver} of a path to itself: a directory or lock file made in place. */
    public void adopt(Path path) throws IOException {
        handOver(path, path);
    }

    /**
     * {@link #adopt} of a tree and everything in it, links neither changed nor followed: for what a library
     * writes without asking (JGit's repository).
     */
    public void adoptTree(Path top) throws IOException {
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                adopt(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                adopt(file);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
