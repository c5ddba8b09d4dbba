package org.godshell.toaster.qmailimport.maildir;

import java.nio.file.Path;

/**
 * One carry of one Maildir: where from, where to, how, and whether it writes ({@code write} false for
 * {@link MaildirCarry#plan}, which walks the same way and counts what it would do).
 */
record Job(Path from, Path to, CarryMode mode, boolean write, TargetFiles files, Tally tally, Limits limits) {

    /**
     * Bounds on a tree nobody vouches for.
     *
     * @param folders             Maildir++ folders carried at most; more are reported and left behind
     * @param entriesPerDirectory entries of one {@code cur/} or {@code new/} looked at at most
     */
    record Limits(int folders, long entriesPerDirectory) {
        static final Limits DEFAULT = new Limits(10_000, 10_000_000);
    }
}
