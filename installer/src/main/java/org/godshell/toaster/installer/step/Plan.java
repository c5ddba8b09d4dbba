package org.godshell.toaster.installer.step;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/**
 * Runs a list of steps in order: a step already done is reported as such, a step not done is applied between a
 * {@code start} and a {@code done} line of the {@link Journal}. The first failure stops the run; the next run
 * resumes there.
 */
public final class Plan {

    private final List<Step> steps;
    private final PrintWriter out;

    public Plan(List<Step> steps, PrintWriter out) {
        this.steps = List.copyOf(steps);
        this.out = out;
    }

    public List<Step> steps() {
        return steps;
    }

    /** Prints every step with its state and changes nothing: {@code plan} and {@code --dry-run}. */
    public int preview() throws IOException, StepException {
        int todo = 0;
        for (Step step : steps) {
            boolean done = step.isDone();
            todo += done ? 0 : 1;
            out.println((done ? "  ok     " : "  to do  ") + step.describe());
        }
        out.println(todo == 0 ? "nothing to do: the installation is complete"
                : todo + " of " + steps.size() + " steps to do; nothing was changed");
        return todo;
    }

    /** Applies every step not done yet; returns how many were applied. */
    public int apply(Journal journal) throws IOException, StepException {
        if (journal.resumed()) {
            out.println("resuming an interrupted run");
        }
        int applied = 0;
        for (Step step : steps) {
            boolean again = journal.interrupted(step.name());
            if (!again && step.isDone()) {
                out.println("  ok     " + step.describe() + " (nothing to do)");
                continue;
            }
            out.println("  doing  " + step.describe() + (again ? " (again: it was interrupted)" : ""));
            out.flush();
            journal.started(step.name());
            long started = System.nanoTime();
            step.apply();
            journal.done(step.name());
            // Each step's own time: where an install's seconds go (the goal is fresh host to serving in 10 s).
            out.printf("         %s took %.1f s%n", step.name(), (System.nanoTime() - started) / 1e9);
            applied++;
        }
        journal.complete();
        return applied;
    }
}
