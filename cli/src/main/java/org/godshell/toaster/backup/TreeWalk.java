package org.godshell.toaster.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Walks an area of the prefix while mail arrives, parents before what they hold, names sorted. Leaves out what
 * is half-written or worthless elsewhere: Maildir {@code tmp/} contents (the directory itself is kept), the temp
 * files of atomic writes ({@code .NAME.DIGITS.tmp}), locks ({@code *.lock}), and the {@code excluded} paths.
 *
 * <p>A Maildir's {@code new/} is listed before its {@code cur/}: a message is delivered into {@code new/} by a
 * rename and only ever moves on to {@code cur/} (a client reading it, then flag changes renaming it there), so a
 * message missing from {@code new/} when read is looked up in {@code cur/} by its base name (the part before
 * {@code :}), and a base name already archived is not archived again: every message delivered before the walk
 * began is in the archive exactly once. A file gone for good (deleted by its user) is counted in
 * {@link Tally#vanished}.
 */
final class TreeWalk {

    /** What the walk hands over; {@link #file} returns false when the file was gone when it came to read it. */
    interface Visitor {
        void directory(String path, PosixFileAttributes attributes) throws IOException;

        void link(String path, PosixFileAttributes attributes, String target) throws IOException;

        boolean file(String path, Path file) throws IOException;
    }

    private static final Pattern ATOMIC_TEMP = Pattern.compile("\\..+\\.[0-9]+\\.tmp");

    private final Set<Path> excluded;
    private final Visitor visitor;
    private final Tally tally;

    TreeWalk(Set<Path> excluded, Visitor visitor, Tally tally) {
        this.excluded = excluded.stream().map(p -> p.toAbsolutePath().normalize()).collect(java.util.stream.Collectors.toSet());
        this.visitor = visitor;
        this.tally = tally;
    }

    /** Walks {@code dir}, named {@code path} in the archive; nothing when it does not exist. */
    void walk(String path, Path dir) throws IOException {
        PosixFileAttributes attributes = attributes(dir);
        if (attributes != null && attributes.isDirectory()) {
            directory(path, dir, attributes);
        }
    }

    private void directory(String path, Path dir, PosixFileAttributes attributes) throws IOException {
        visitor.directory(path, attributes);
        List<String> names = list(dir);
        Set<String> done = new HashSet<>();
        if (names.contains("new") && names.contains("cur") && Files.isDirectory(dir.resolve("new"), LinkOption.NOFOLLOW_LINKS)
                && Files.isDirectory(dir.resolve("cur"), LinkOption.NOFOLLOW_LINKS)) {
            maildir(path, dir);
            done.addAll(List.of("tmp", "new", "cur"));
        }
        for (String name : names) {
            if (!done.contains(name)) {
                child(path + "/" + name, dir.resolve(name));
            }
        }
    }

    private void child(String path, Path file) throws IOException {
        String name = file.getFileName().toString();
        if (excluded.contains(file.toAbsolutePath().normalize()) || name.endsWith(".lock")
                || ATOMIC_TEMP.matcher(name).matches()) {
            return;
        }
        if (!acceptable(path)) {
            return;
        }
        PosixFileAttributes attributes = attributes(file);
        if (attributes == null) {
            tally.vanished++;
        } else if (attributes.isDirectory()) {
            directory(path, file, attributes);
        } else if (attributes.isSymbolicLink()) {
            visitor.link(path, attributes, Files.readSymbolicLink(file).toString());
        } else if (attributes.isRegularFile()) {
            if (!visitor.file(path, file)) {
                tally.vanished++;
            }
        } else {
            tally.problems.add(path + " is not a file, directory or link: not backed up");
        }
    }

    /** tmp/ (empty), new/ and cur/ first, each message once; the Maildir++ folders and other files follow. */
    private void maildir(String path, Path dir) throws IOException {
        for (String sub : List.of("tmp", "new", "cur")) {
            PosixFileAttributes attributes = attributes(dir.resolve(sub));
            if (attributes != null && attributes.isDirectory()) {
                visitor.directory(path + "/" + sub, attributes);
            }
        }
        Set<String> archived = new HashSet<>();
        for (String sub : List.of("new", "cur")) {
            for (String name : list(dir.resolve(sub))) {
                Path file = dir.resolve(sub).resolve(name);
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    child(path + "/" + sub + "/" + name, file);
                    continue;
                }
                String base = base(name);
                if (archived.contains(base) || name.endsWith(".lock") || ATOMIC_TEMP.matcher(name).matches()
                        || !acceptable(path + "/" + sub + "/" + name)) {
                    continue;
                }
                if (visitor.file(path + "/" + sub + "/" + name, file) || movedToCur(path, dir, base)) {
                    archived.add(base);
                } else {
                    tally.vanished++;
                }
            }
        }
    }

    /** The message {@code base} found in cur/ under its new name (moved, or its flags changed), and archived. */
    private boolean movedToCur(String path, Path dir, String base) throws IOException {
        for (int attempt = 0; attempt < 3; attempt++) {
            String found = list(dir.resolve("cur")).stream().filter(name -> base(name).equals(base)).findFirst()
                    .orElse(null);
            if (found == null) {
                return false;
            }
            if (visitor.file(path + "/cur/" + found, dir.resolve("cur").resolve(found))) {
                return true;
            }
        }
        return false;
    }

    /** A name an archive may hold ({@link MemberName#check}); any other (a control character in it) is reported. */
    private boolean acceptable(String path) {
        try {
            MemberName.check(path);
            return true;
        } catch (IllegalArgumentException e) {
            tally.problems.add("not backed up: " + e.getMessage());
            return false;
        }
    }

    /** The unique part of a Maildir file name: what POP3's UIDL and IMAP's uidlist know the message by. */
    static String base(String name) {
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (NoSuchFileException | NotDirectoryException e) {
            return new ArrayList<>();
        }
    }

    private static PosixFileAttributes attributes(Path file) throws IOException {
        try {
            return Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
