package org.godshell.toaster.qmailimport.maildir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The files that keep IMAP and POP3 clients from downloading everything again and keep a user's labels and
 * subscriptions (maildir.md, "State files"): always copied (also by MOVE and LINK, so that Dovecot rewriting them
 * on the new side never touches the old), never over one the toaster's Maildir already has.
 */
final class StateFiles {

    private StateFiles() {
    }

    static void carry(Job job, Path oldFolder, Path newFolder, String where, Set<String> found, boolean top)
            throws IOException {
        Path tmp = newFolder.resolve("tmp");
        carryUidList(job, oldFolder, newFolder, where, found, tmp);
        if (found.contains("dovecot-keywords")) {
            verbatim(job, oldFolder, newFolder, where, "dovecot-keywords", UidLists.MAX_BYTES, true, tmp);
        }
        if (!top) {
            return;
        }
        if (found.contains(Subscriptions.DOVECOT)) {
            verbatim(job, oldFolder, newFolder, where, Subscriptions.DOVECOT, Subscriptions.MAX_BYTES, true, tmp);
        } else if (found.contains(Subscriptions.COURIER)) {
            byte[] courier = read(job, oldFolder.resolve(Subscriptions.COURIER), where + Subscriptions.COURIER,
                    Subscriptions.MAX_BYTES);
            if (courier != null) {
                place(job, newFolder, where + Subscriptions.COURIER, Subscriptions.DOVECOT,
                        Subscriptions.fromCourier(courier), true, tmp);
            }
        }
        for (String name : found) {
            if (name.startsWith("dovecot-uidvalidity")) {
                // Dovecot's record of the UIDVALIDITY it last gave a new folder: useful, but one of its own wins.
                verbatim(job, oldFolder, newFolder, where, name, 64, false, tmp);
            }
        }
    }

    /**
     * Dovecot's list as it is, or Courier's converted. With both, the newer one, as courier-dovecot-migrate.pl
     * decides: the server that ran last wrote it.
     */
    private static void carryUidList(Job job, Path oldFolder, Path newFolder, String where, Set<String> found,
            Path tmp) throws IOException {
        boolean dovecot = found.contains(UidLists.DOVECOT);
        boolean courier = found.contains(UidLists.COURIER);
        if (dovecot && courier) {
            courier = Files.getLastModifiedTime(oldFolder.resolve(UidLists.COURIER), LinkOption.NOFOLLOW_LINKS)
                    .compareTo(Files.getLastModifiedTime(oldFolder.resolve(UidLists.DOVECOT),
                            LinkOption.NOFOLLOW_LINKS)) > 0;
            dovecot = !courier;
        }
        if (dovecot) {
            byte[] content = read(job, oldFolder.resolve(UidLists.DOVECOT), where + UidLists.DOVECOT,
                    UidLists.MAX_BYTES);
            if (content != null) {
                String problem = UidLists.dovecotProblem(content);
                place(job, newFolder, where + UidLists.DOVECOT, UidLists.DOVECOT, problem == null
                        ? new Converted.Done(content, List.of()) : new Converted.Refused(problem), true, tmp);
            }
        } else if (courier) {
            byte[] content = read(job, oldFolder.resolve(UidLists.COURIER), where + UidLists.COURIER,
                    UidLists.MAX_BYTES);
            if (content != null) {
                place(job, newFolder, where + UidLists.COURIER, UidLists.DOVECOT, UidLists.fromCourier(content),
                        true, tmp);
            }
        }
    }

    private static void verbatim(Job job, Path oldFolder, Path newFolder, String where, String name, int max,
            boolean reportExisting, Path tmp) throws IOException {
        byte[] content = read(job, oldFolder.resolve(name), where + name, max);
        if (content != null) {
            place(job, newFolder, where + name, name, new Converted.Done(content, List.of()), reportExisting, tmp);
        }
    }

    /** Writes {@code converted} as {@code name} in the new folder; problems name the old file, {@code source}. */
    private static void place(Job job, Path newFolder, String source, String name, Converted converted,
            boolean reportExisting, Path tmp) throws IOException {
        switch (converted) {
            case Converted.Refused refused -> job.tally().problem(source, refused.why());
            case Converted.Done done -> {
                done.leftOut().forEach(line -> job.tally().problem(source, line));
                Path target = newFolder.resolve(name);
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    existing(job, target, source, done.content(), reportExisting);
                } else if (!job.write() || job.files().create(target, done.content(), tmp)) {
                    job.tally().stateFiles++;
                }
            }
        }
    }

    private static void existing(Job job, Path target, String at, byte[] content, boolean report) throws IOException {
        boolean same = Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && Files.size(target) == content.length
                && Arrays.equals(Files.readAllBytes(target), content);
        if (!same && report) {
            job.tally().problem(at, "the toaster's Maildir has its own " + target.getFileName() + " already (the "
                    + "new server was used): kept, not replaced; clients may download this folder again");
        }
    }

    /** The file's bytes, or null (reported) when it is larger than {@code max}; never through a link. */
    private static byte[] read(Job job, Path file, String at, int max) throws IOException {
        try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) {
                job.tally().problem(at, "larger than " + max + " bytes: not carried");
                return null;
            }
            return bytes;
        }
    }
}
