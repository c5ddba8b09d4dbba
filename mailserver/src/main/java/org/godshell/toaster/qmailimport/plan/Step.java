package org.godshell.toaster.qmailimport.plan;

/**
 * One step of the plan: its action, whether the toaster already has it (a rerun: then nothing is done), and a note
 * for the report (what the admin should know, such as DES hashes reading only 8 characters).
 */
public record Step(Action action, boolean alreadyThere, String note) {

    public String describe() {
        return Action.describe(action) + (note.isEmpty() ? "" : " [" + note + "]");
    }
}
