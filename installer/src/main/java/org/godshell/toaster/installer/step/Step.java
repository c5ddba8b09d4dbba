package org.godshell.toaster.installer.step;

import java.io.IOException;

/**
 * One idempotent part of an install: it says what it does, checks whether that is already so, and makes it so.
 * {@link #apply} must be safe to run again after it was interrupted half-way.
 */
public interface Step {

    /** A short stable name, kept in the journal: {@code program-files}, {@code certificate}, ... */
    String name();

    /** One line for the plan: what this step makes true. */
    String describe();

    /** Whether the state this step makes is already there; reads only. */
    boolean isDone() throws IOException, StepException;

    /** Makes the state true; may print what the admin must know (a password, a kept file). */
    void apply() throws IOException, StepException;
}
