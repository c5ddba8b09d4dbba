package org.godshell.toaster.layout;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link Layout} of one install, checked ({@link #problems}) and made true ({@link #fix}): the installer's
 * permissions step, {@code toaster doctor} and {@code doctor --fix}. Walks never follow links and never change a
 * link or what it points to: a link planted in a Maildir must not turn a chown into one of /etc/shadow.
 *
 * @param prefix   the install, absolute
 * @param accounts its admin and service accounts
 */
public record Permissions(Path prefix, Accounts accounts) {

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static final Set<PosixFilePermission> WRITE_BY_OTHERS = EnumSet.of(PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_WRITE);

    /** One path not as the layout says, the rule it breaks, and what is wrong, in words. */
    public record Problem(Layout.Rule rule, Path path, String what) {}

    /** Everything not as the layout says, rule by rule, paths in walk order. */
    public List<Problem> problems() throws IOException {
        List<Problem> problems = new ArrayList<>();
        for (Layout.Rule rule : Layout.RULES) {
            Path top = prefix.resolve(rule.path());
            if (!Files.exists(top, LinkOption.NOFOLLOW_LINKS)) {
                if (!(rule instanceof Layout.ServiceSecret)) {
                    problems.add(new Problem(rule, top, "is missing"));
                }
                continue;
            }
            for (Path path : covered(rule)) {
                wrong(rule, path).ifPresent(what -> problems.add(new Problem(rule, path, what)));
            }
        }
        return problems;
    }

    /** Makes the layout true: creates the missing directories, then changes owners and modes; returns how many. */
    public int fix() throws IOException {
        int changed = 0;
        for (Layout.Rule rule : Layout.RULES) {
            Path top = prefix.resolve(rule.path());
            if (!(rule instanceof Layout.ServiceSecret) && !Files.exists(top, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(top);
            }
            for (Path path : covered(rule)) {
                try {
                    if (wrong(rule, path).isPresent() && !Files.isSymbolicLink(path)) {
                        repair(rule, path);
                        changed++;
                    }
                } catch (NoSuchFileException e) {
                    continue;                                              // a daemon removed it meanwhile
                }
            }
        }
        return changed;
    }

    /**
     * The paths a rule decides: its own and, for a tree, everything under it that no more specific rule takes. A
     * file a daemon removes during the walk (a delivered message leaving the queue) is skipped, not an error.
     */
    private List<Path> covered(Layout.Rule rule) throws IOException {
        Path top = prefix.resolve(rule.path());
        if (!Files.exists(top, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        if (rule instanceof Layout.ServiceSecret || Files.isSymbolicLink(top)) {
            return List.of(top);
        }
        List<Path> paths = new ArrayList<>();
        Files.walkFileTree(top, new SimpleFileVisitor<>() {                // does not follow links
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                return visit(dir);
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                return visit(file);
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            private FileVisitResult visit(Path path) {
                if (Layout.ruleFor(prefix.relativize(path)).filter(rule::equals).isPresent()) {
                    paths.add(path);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return paths;
    }

    /**
     * What is wrong with {@code path} under {@code rule}; empty when it is fine. A link is never touched: under a
     * secret's rule it must lead to a file (what that file may be is its own place's rule), elsewhere it is fine.
     */
    private Optional<String> wrong(Layout.Rule rule, Path path) throws IOException {
        PosixFileAttributes now;
        try {
            now = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();                                       // gone since the walk: nothing to say
        }
        if (now.isSymbolicLink()) {
            return rule instanceof Layout.ServiceSecret && !Files.isRegularFile(path)
                    ? Optional.of("is a link to " + Files.readSymbolicLink(path) + ", which is no file")
                    : Optional.empty();
        }
        String owned = now.owner().getName() + ":" + now.group().getName();
        Set<PosixFilePermission> mode = now.permissions();
        return switch (rule) {
            case Layout.AdminTree admin -> !now.owner().equals(accounts.admin().user())
                    ? Optional.of("is owned by " + owned + ", not " + accounts.admin().user().getName())
                    : mode.stream().anyMatch(WRITE_BY_OTHERS::contains)
                    ? Optional.of("is mode " + PosixFilePermissions.toString(mode) + ": writable by others than "
                            + accounts.admin().user().getName())
                    : !serviceReads(now) ? Optional.of("is mode " + PosixFilePermissions.toString(mode) + " and "
                            + owned + ": the " + accounts.service().user().getName() + " user cannot read it")
                    : Optional.empty();
            case Layout.ServiceTree tree -> !ownedByService(now)
                    ? Optional.of("is owned by " + owned + ", not " + accounts.service())
                    : !mode.equals(wanted(tree, path, mode))
                    ? Optional.of("is mode " + PosixFilePermissions.toString(mode) + ", not "
                            + PosixFilePermissions.toString(wanted(tree, path, mode)))
                    : Optional.empty();
            case Layout.ServiceSecret secret -> !ownedByService(now)
                    ? Optional.of("is owned by " + owned + ", not " + accounts.service())
                    : !PosixFilePermissions.toString(mode).equals(Layout.ServiceSecret.MODE)
                    ? Optional.of("is mode " + PosixFilePermissions.toString(mode) + ", not " + Layout.ServiceSecret.MODE)
                    : Optional.empty();
        };
    }

    private void repair(Layout.Rule rule, Path path) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        PosixFileAttributes now = view.readAttributes();
        Set<PosixFilePermission> mode = EnumSet.noneOf(PosixFilePermission.class);
        mode.addAll(now.permissions());
        switch (rule) {
            case Layout.AdminTree admin -> {
                if (!now.owner().equals(accounts.admin().user())) {
                    view.setOwner(accounts.admin().user());
                }
                mode.removeAll(WRITE_BY_OTHERS);
                if (!serviceReads(view.readAttributes())) {
                    // Readable by the service's group, not by everyone: a file the admin kept private may be secret.
                    view.setGroup(accounts.service().group());
                    mode.add(PosixFilePermission.GROUP_READ);
                    if (now.isDirectory()) {
                        mode.add(PosixFilePermission.GROUP_EXECUTE);
                    }
                }
            }
            case Layout.ServiceTree tree -> {
                give(view, now);
                mode = wanted(tree, path, mode);
            }
            case Layout.ServiceSecret secret -> {
                give(view, now);
                mode = PosixFilePermissions.fromString(Layout.ServiceSecret.MODE);
            }
        }
        view.setPermissions(mode);
    }

    private void give(PosixFileAttributeView view, PosixFileAttributes now) throws IOException {
        if (!now.owner().equals(accounts.service().user())) {
            view.setOwner(accounts.service().user());
        }
        if (!now.group().equals(accounts.service().group())) {
            view.setGroup(accounts.service().group());
        }
    }

    private boolean ownedByService(PosixFileAttributes attributes) {
        return attributes.owner().equals(accounts.service().user())
                && attributes.group().equals(accounts.service().group());
    }

    /** Whether the service's user can read it (and search it, a directory) through owner, group or others' bits. */
    private boolean serviceReads(PosixFileAttributes attributes) {
        Set<PosixFilePermission> mode = attributes.permissions();
        boolean directory = attributes.isDirectory();
        if (attributes.owner().equals(accounts.service().user())) {
            return mode.contains(PosixFilePermission.OWNER_READ)
                    && (!directory || mode.contains(PosixFilePermission.OWNER_EXECUTE));
        }
        if (attributes.group().equals(accounts.service().group()) && mode.contains(PosixFilePermission.GROUP_READ)
                && (!directory || mode.contains(PosixFilePermission.GROUP_EXECUTE))) {
            return true;
        }
        return mode.contains(PosixFilePermission.OTHERS_READ)
                && (!directory || mode.contains(PosixFilePermission.OTHERS_EXECUTE));
    }

    /**
     * The tree's mode for its own directory; below it, the current mode without others' bits where kept out,
     * except on Dovecot's uidvalidity markers.
     */
    private Set<PosixFilePermission> wanted(Layout.ServiceTree tree, Path path, Set<PosixFilePermission> current)
            throws IOException {
        if (path.equals(prefix.resolve(tree.path()))) {
            return PosixFilePermissions.fromString(tree.mode());
        }
        Set<PosixFilePermission> mode = EnumSet.noneOf(PosixFilePermission.class);
        mode.addAll(current);
        if (tree.othersOut() && !uidValidityMarker(path)) {
            mode.removeAll(OTHERS);
        }
        return mode;
    }

    /**
     * Dovecot's {@code dovecot-uidvalidity.<hex>} beside a Maildir's index: an empty file it creates mode 0444 on
     * purpose, whose name is its content. It holds nothing to read, sits in a mailbox directory others cannot
     * enter, and Dovecot makes it again as it wants it; taking its bits away would only make every rerun and
     * doctor report a change after the first IMAP login.
     */
    private static boolean uidValidityMarker(Path path) throws IOException {
        return path.getFileName().toString().startsWith("dovecot-uidvalidity.")
                && Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) && Files.size(path) == 0;
    }
}
