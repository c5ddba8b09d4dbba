package org.godshell.toaster.qmailimport.maildir;

import java.util.ArrayList;
import java.util.List;

/** The counts and problems of one carry while it runs; {@link #result} freezes them. */
final class Tally {

    int messages;
    int messagesAlreadyThere;
    int folders;
    int foldersAlreadyThere;
    int stateFiles;
    private final List<String> problems = new ArrayList<>();

    /** A problem about {@code where} (a path inside the old Maildir, such as {@code .Sent/cur/NAME}). */
    void problem(String where, String why) {
        problems.add((where.isEmpty() ? "Maildir" : MaildirNames.shown(where)) + ": " + MaildirNames.shown(why));
    }

    CarryResult result() {
        return new CarryResult(messages, messagesAlreadyThere, folders, foldersAlreadyThere, stateFiles, problems);
    }
}
