package org.godshell.toaster.installer;

/**
 * The installer's exit codes, the same for every command (also in the wiki page Installation):
 * <ul>
 *   <li>0: done (plan, dry-run: the plan was printed);</li>
 *   <li>1: a step failed; the message says why; what was done stays done, rerunning resumes;</li>
 *   <li>2: bad arguments, or a question only --yes may skip (nothing was changed);</li>
 *   <li>3: the preflight failed (nothing was changed); each FAILED line says how to fix it.</li>
 * </ul>
 */
final class ExitCode {

    static final int OK = 0;
    static final int STEP_FAILED = 1;
    static final int USAGE = 2;
    static final int PREFLIGHT = 3;

    private ExitCode() {
    }
}
