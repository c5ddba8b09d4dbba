package org.godshell.toaster.qmailimport.maildir;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one old Maildir folder (the inbox, which is the Maildir's top, or a {@code .Name} folder) holds, sorted into
 * what is carried and what is left behind with a reason. Nothing is followed: a symbolic link is reported as one.
 *
 * @param subfolders  the Maildir++ folders ({@code .Name}), at the top only, sorted
 * @param stateFiles  the state files found (UID lists, keywords, subscriptions), regular files only
 * @param hasCur      whether {@code cur/} is a real directory
 * @param hasNew      whether {@code new/} is a real directory
 */
record FolderListing(List<String> subfolders, Set<String> stateFiles, boolean hasCur, boolean hasNew) {

    /** Carried by {@link StateFiles} in every folder. */
    static final Set<String> FOLDER_STATE = Set.of(UidLists.DOVECOT, UidLists.COURIER, "dovecot-keywords");
    /** Carried by {@link StateFiles} at the top only. */
    static final Set<String> TOP_STATE = Set.of(Subscriptions.DOVECOT, Subscriptions.COURIER, "dovecot-uidvalidity");

    /**
     * Left behind without a word: {@code maildirsize} (the Maildir++ quota cache, recomputed by whoever counts
     * next), Dovecot's indexes, caches, logs and locks ({@code dovecot.*}: rebuilt from the files), Courier's POP3
     * size list (the toaster's POP3 UIDL is the file name), the folder marker (written anew).
     */
    private static final Set<String> IGNORED = Set.of("maildirsize", "maildirfolder", "courierpop3dsizelist",
            "dovecot-uidlist.lock", "tmp");

    static FolderListing read(Job job, Path dir, String where, boolean top) throws IOException {
        List<String> subfolders = new ArrayList<>();
        Set<String> state = new TreeSet<>();
        boolean cur = false;
        boolean fresh = false;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException e) {
                    continue;
                }
                String at = where + name;
                if (!MaildirNames.roundTrips(entry)) {
                    job.tally().problem(at, "a name that is not valid UTF-8: left behind");
                } else if (attributes.isSymbolicLink()) {
                    job.tally().problem(at, "a symbolic link: not followed, left behind");
                } else if (name.equals("cur") || name.equals("new")) {
                    if (!attributes.isDirectory()) {
                        job.tally().problem(at, "not a directory: left behind");
                    } else if (name.equals("cur")) {
                        cur = true;
                    } else {
                        fresh = true;
                    }
                } else if (IGNORED.contains(name) || name.startsWith("dovecot.")) {
                    continue;
                } else if (attributes.isDirectory() && top && name.startsWith(".")) {
                    subfolders.add(name);
                } else if (attributes.isDirectory() && name.equals("courierimapkeywords")) {
                    job.tally().problem(at, "Courier-IMAP's keywords (labels other than the standard flags) are "
                            + "not carried; the flags in the file names are");
                } else if (attributes.isRegularFile() && isState(name, top)) {
                    state.add(name);
                } else {
                    job.tally().problem(at, (attributes.isRegularFile() || attributes.isDirectory()
                            ? "not part of a Maildir" : "not a regular file") + ": left behind");
                }
            }
        }
        subfolders.sort(null);
        return new FolderListing(subfolders, state, cur, fresh);
    }

    private static boolean isState(String name, boolean top) {
        return FOLDER_STATE.contains(name) || top && (TOP_STATE.contains(name)
                || name.matches("dovecot-uidvalidity\\.[0-9a-f]{1,8}"));
    }
}
