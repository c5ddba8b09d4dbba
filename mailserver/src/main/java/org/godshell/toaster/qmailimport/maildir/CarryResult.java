package org.godshell.toaster.qmailimport.maildir;

import java.util.List;

/**
 * What {@link MaildirCarry#carry} did, or what {@link MaildirCarry#plan} would do.
 *
 * @param messages             message files carried (or to carry) into the toaster's Maildir
 * @param messagesAlreadyThere message files whose base name the toaster's Maildir already holds (a rerun, or mail
 *                             the same message already reached); never carried twice
 * @param folders              Maildir++ folders created (or to create), the inbox not counted
 * @param foldersAlreadyThere  folders the toaster's Maildir already had
 * @param stateFiles           UID lists, keyword lists, subscriptions written (or to write)
 * @param problems             everything not carried or not as expected, each with its reason, in the order met;
 *                             names are shown with control characters escaped
 */
public record CarryResult(int messages, int messagesAlreadyThere, int folders, int foldersAlreadyThere,
        int stateFiles, List<String> problems) {

    public CarryResult {
        problems = List.copyOf(problems);
    }
}
