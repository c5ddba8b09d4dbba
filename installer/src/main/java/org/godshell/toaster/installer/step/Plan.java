package org.godshell.toaster.installer.step;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Runs a list of steps in order: a step already done is reported as such, a step not done is applied between a
 * {@code start} and a {@code done} line of the {@link Journal}; the chains of a {@link Concurrently} run at the
 * same time. The first failure stops the run; the next run resumes there.
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
        for (Step step : flat()) {
            boolean done = step.isDone();
            todo += done ? 0 : 1;
            out.println((done ? "  ok     " : "  to do  ") + step.describe());
        }
        out.println(todo == 0 ? "nothing to do: the installation is complete"
                : todo + " of " + flat().size() + " steps to do; nothing was changed");
        return todo;
    }

    /** Applies every step not done yet; returns how many were applied. */
    public int apply(Journal journal) throws IOException, StepException {
        if (journal.resumed()) {
            out.println("resuming an interrupted run");
        }
        int applied = 0;
        for (Step step : steps) {
            applied += step instanceof Concurrently together ? applyTogether(together, journal)
                    : applyOne(step, journal);
        }
        journal.complete();
        return applied;
    }

    /** The steps one by one, the steps of each {@link Concurrently} in chain order. */
    private List<Step> flat() {
        return steps.stream().flatMap(step -> step instanceof Concurrently together ? together.steps().stream()
                : Stream.of(step)).toList();
    }

    /** 1 when the step was applied, 0 when it was done already. */
    private int applyOne(Step step, Journal journal) throws IOException, StepException {
        boolean again = journal.interrupted(step.name());
        if (!again && step.isDone()) {
            out.println("  ok     " + step.describe() + " (nothing to do)");
            return 0;
        }
        out.println("  doing  " + step.describe() + (again ? " (again: it was interrupted)" : ""));
        out.flush();
        journal.started(step.name());
        long started = System.nanoTime();
        step.apply();
        journal.done(step.name());
        // Each step's own time: where an install's seconds go (the goal is fresh host to serving in 10 s).
        out.printf("         %s took %.1f s%n", step.name(), (System.nanoTime() - started) / 1e9);
        return 1;
    }

    /**
     * Each chain on a virtual thread of its own, its steps in order; waits for every chain, so a failure leaves no
     * step running behind the next run. The first failure is then thrown; what the other chains did stays done.
     */
    private int applyTogether(Concurrently together, Journal journal) throws IOException, StepException {
        List<Future<Integer>> chains = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (List<Step> chain : together.chains()) {
                chains.add(executor.submit(() -> {
                    int applied = 0;
                    for (Step step : chain) {
                        applied += applyOne(step, journal);
                    }
                    return applied;
                }));
            }
        }
        int applied = 0;
        Throwable failure = null;
        for (Future<Integer> chain : chains) {
            try {
                applied += chain.get();
            } catch (ExecutionException e) {
                failure = failure == null ? e.getCause() : failure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StepException("interrupted while waiting for " + together.name(), e);
            }
        }
        switch (failure) {
            case null -> {
                return applied;
            }
            case StepException e -> throw e;
            case IOException e -> throw e;
            case RuntimeException e -> throw e;
            default -> throw new StepException(together.name() + " failed: " + failure, failure);
        }
    }
}
