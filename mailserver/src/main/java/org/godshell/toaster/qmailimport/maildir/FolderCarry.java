package org.godshell.toaster.qmailimport.maildir;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Carries one folder: the inbox (the Maildir's top, {@code dirName} empty) or a Maildir++ folder {@code .Name}:
 * its {@code cur/ new/ tmp/} made on the toaster's side (0700, handed over), the {@code maildirfolder} marker in a
 * folder, the messages of {@code new/} then {@code cur/}, then its state files. {@code tmp/} is never carried:
 * what lies there is a delivery that never finished.
 */
final class FolderCarry {

    private FolderCarry() {
    }

    /** Returns the listing of the old folder, or null when it is not a Maildir folder (reported). */
    static FolderListing carry(Job job, String dirName) throws IOException {
        boolean top = dirName.isEmpty();
        Path oldFolder = top ? job.from() : job.from().resolve(dirName);
        Path newFolder = top ? job.to() : job.to().resolve(dirName);
        String where = top ? "" : dirName + "/";
        FolderListing listing = FolderListing.read(job, oldFolder, where, top);
        if (!listing.hasCur() && !listing.hasNew()) {
            job.tally().problem(top ? "" : dirName, "no cur/ and no new/: not a Maildir folder, left behind");
            return null;
        }
        boolean existed = Files.isDirectory(newFolder, LinkOption.NOFOLLOW_LINKS);
        if (job.write()) {
            job.files().directory(newFolder);
            for (String sub : new String[] {"cur", "new", "tmp"}) {
                job.files().directory(newFolder.resolve(sub));
            }
            if (!top && !Files.exists(newFolder.resolve("maildirfolder"), LinkOption.NOFOLLOW_LINKS)) {
                job.files().create(newFolder.resolve("maildirfolder"), new byte[0], newFolder.resolve("tmp"));
            }
        }
        if (!top) {
            if (existed) {
                job.tally().foldersAlreadyThere++;
            } else {
                job.tally().folders++;
            }
        }
        Map<String, String> there = existed ? messagesIn(newFolder) : new HashMap<>();
        for (String sub : new String[] {"new", "cur"}) {
            if (sub.equals("new") ? listing.hasNew() : listing.hasCur()) {
                MessageDir.carry(job, oldFolder, newFolder, where, sub, there);
            }
        }
        StateFiles.carry(job, oldFolder, newFolder, where, listing.stateFiles(), top);
        return listing;
    }

    /** The toaster folder's message names by base name: what a rerun must not carry again. */
    private static Map<String, String> messagesIn(Path folder) throws IOException {
        Map<String, String> names = new HashMap<>();
        for (String sub : new String[] {"cur", "new"}) {
            Path dir = folder.resolve(sub);
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path entry : entries) {
                    String name = entry.getFileName().toString();
                    names.putIfAbsent(MaildirNames.base(name), sub + "/" + name);
                }
            }
        }
        return names;
    }
}
