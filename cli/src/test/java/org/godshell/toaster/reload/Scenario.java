package org.godshell.toaster.reload;

/** What one control file does to the running daemons: the edits an admin makes, and what follows them. */
@FunctionalInterface
interface Scenario {

    /**
     * Edits files of {@code t} through {@code edits} (which puts them back afterwards) and asserts that the next
     * session, delivery or push follows each edit.
     */
    void run(Installation t, Edits edits) throws Exception;
}
