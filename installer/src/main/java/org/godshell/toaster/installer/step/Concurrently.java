package org.godshell.toaster.installer.step;

import java.io.IOException;
import java.util.List;

/**
 * Chains of steps that touch different files, applied at the same time, each chain in its order: the steps that
 * each start a JVM of their own (certificate, domain and mailbox, wiki) wait for one another only where one needs
 * the other. The {@link Plan} runs the chains and journals every step in them as it does a step alone.
 *
 * @param chains each a list of steps in order; no step may read or write what a step of another chain does
 */
public record Concurrently(List<List<Step>> chains) implements Step {

    public Concurrently {
        chains = chains.stream().map(List::copyOf).toList();
    }

    /** Every step of every chain, chain after chain: what the plan shows. */
    public List<Step> steps() {
        return chains.stream().flatMap(List::stream).toList();
    }

    @Override
    public String name() {
        return String.join("+", steps().stream().map(Step::name).toList());
    }

    @Override
    public String describe() {
        return String.join("; ", steps().stream().map(Step::describe).toList());
    }

    @Override
    public boolean isDone() throws IOException, StepException {
        for (Step step : steps()) {
            if (!step.isDone()) {
                return false;
            }
        }
        return true;
    }

    /** Without a plan (and its journal): every step not done yet, one after the other. */
    @Override
    public void apply() throws IOException, StepException {
        for (Step step : steps()) {
            if (!step.isDone()) {
                step.apply();
            }
        }
    }
}
