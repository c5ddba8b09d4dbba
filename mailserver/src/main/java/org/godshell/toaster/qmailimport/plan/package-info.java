/**
 * The import plan: one pure function ({@link org.godshell.toaster.qmailimport.plan.Planner#plan}) from what was read
 * on the old host and what the toaster already holds to the list of steps (create a domain, add a user with its
 * hash, carry a Maildir, add an alias, write a control file, add a tcp.smtp rule), each new or already there, and
 * the items left out with their reasons. {@code --dry-run} prints it; the apply step runs it.
 *
 * <p>What this package must never do: touch a file (planning reads nothing and writes nothing); plan to overwrite
 * anything the toaster holds (a user, a control file, a rule that differs is reported and left alone); plan a
 * step twice.
 */
package org.godshell.toaster.qmailimport.plan;
