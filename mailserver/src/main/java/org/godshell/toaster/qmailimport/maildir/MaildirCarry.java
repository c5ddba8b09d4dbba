package org.godshell.toaster.qmailimport.maildir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.godshell.toaster.io.Handover;

/**
 * Carries a Maildir of an old qmail/vpopmail toaster into the toaster's, folders, flags and IMAP UIDs included
 * (maildir.md beside this file). Reruns are safe: what the toaster's Maildir already has is never carried twice
 * nor overwritten. Problems with single entries (a link, a hostile name, a file that cannot be read) are reported
 * in the result and the carry goes on; an {@link IOException} means the toaster's side could not be written.
 */
public final class MaildirCarry {

    private MaildirCarry() {
    }

    /**
     * Carries old Maildir {@code from} (vpopmail's {@code .../DOMAIN/[0-9/]NAME/Maildir}) into {@code to} (the
     * toaster's {@code domains/DOMAIN/NAME/Maildir}); a rerun finds what is already there and never duplicates.
     * What it creates stays the caller's (tests, a demo install); see {@link #carry(Path, Path, CarryMode, Handover)}.
     */
    public static CarryResult carry(Path from, Path to, CarryMode mode) throws IOException {
        return carry(from, to, mode, Handover.KEEP);
    }

    /**
     * {@link #carry(Path, Path, CarryMode)}, every directory and file it creates handed over before it is seen
     * under its name ({@code Owners::handOver} in a command run as root: the toaster's user, as its own deliveries
     * make them); with {@link CarryMode#MOVE} and {@link CarryMode#LINK} that is the shared file itself.
     */
    public static CarryResult carry(Path from, Path to, CarryMode mode, Handover handover) throws IOException {
        return run(from, to, mode, true, handover, Job.Limits.DEFAULT);
    }

    /** What carry would do, without writing anything (for --dry-run). */
    public static CarryResult plan(Path from, Path to, CarryMode mode) throws IOException {
        return run(from, to, mode, false, Handover.KEEP, Job.Limits.DEFAULT);
    }

    static CarryResult run(Path from, Path to, CarryMode mode, boolean write, Handover handover, Job.Limits limits)
            throws IOException {
        Tally tally = new Tally();
        Job job = new Job(from, to, mode, write, new TargetFiles(handover), tally, limits);
        String refused = refusal(from, to, mode, write);
        if (refused != null) {
            tally.problem("", refused);
            return tally.result();
        }
        FolderListing top = FolderCarry.carry(job, "");
        if (top == null) {
            return tally.result();
        }
        int folders = 0;
        for (String folder : top.subfolders()) {
            var bad = MaildirNames.folderProblem(folder);
            if (bad.isPresent()) {
                tally.problem(folder, bad.get());
            } else if (++folders > limits.folders()) {
                tally.problem(folder, "more than " + limits.folders() + " folders: this one and the rest are "
                        + "left behind");
                break;
            } else {
                FolderCarry.carry(job, folder);
            }
        }
        return tally.result();
    }

    /**
     * Why nothing can be carried, or null. A plan may be made before the user exists (a dry run of a whole
     * import): then the file system is that of the nearest directory that exists, where the user will be made.
     */
    private static String refusal(Path from, Path to, CarryMode mode, boolean write) throws IOException {
        BasicFileAttributes old;
        try {
            old = Files.readAttributes(from, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return "the old Maildir " + from + " does not exist: nothing carried";
        }
        if (old.isSymbolicLink()) {
            return "the old Maildir " + from + " is a symbolic link: not followed, nothing carried";
        }
        if (!old.isDirectory()) {
            return "the old Maildir " + from + " is not a directory: nothing carried";
        }
        Path oldAbsolute = from.toAbsolutePath().normalize();
        Path newAbsolute = to.toAbsolutePath().normalize();
        if (oldAbsolute.startsWith(newAbsolute) || newAbsolute.startsWith(oldAbsolute)) {
            return "the old Maildir " + from + " and the toaster's " + to + " overlap: nothing carried";
        }
        Path home = newAbsolute.getParent();
        if (home == null || !Files.isDirectory(home, LinkOption.NOFOLLOW_LINKS)) {
            if (write || home == null) {
                return "the toaster's directory " + home + " for this Maildir does not exist: add the user first";
            }
            while (home != null && !Files.isDirectory(home, LinkOption.NOFOLLOW_LINKS)) {
                home = home.getParent();
            }
            if (home == null) {
                return "no directory of " + to + " exists: nothing carried";
            }
        }
        if (Files.exists(to, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(to, LinkOption.NOFOLLOW_LINKS)) {
            return "the toaster's " + to + " exists and is not a directory: nothing carried";
        }
        if (mode != CarryMode.COPY && !Files.getFileStore(from).equals(Files.getFileStore(home))) {
            return mode + " needs the old Maildir and the toaster's on one file system (a hard link cannot cross "
                    + "file systems), and " + from + " and " + to + " are not: nothing carried; use COPY";
        }
        return null;
    }
}
