package org.godshell.toaster.net;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Says, once for each value, that a connection limit (a control file, by its name) is more than the open-files
 * limit carries: a daemon checks at every connection, since the file may change, but logs a value only once.
 */
public final class ClampWarning {

    private final DescriptorBudget budget;
    private final String name;
    private final AtomicInteger logged = new AtomicInteger(-1);

    public ClampWarning(DescriptorBudget budget, String name) {
        this.budget = budget;
        this.name = name;
    }

    /** Hands {@link DescriptorBudget#warning}'s line to {@code log} when {@code configured} is new and too big. */
    public void check(int configured, Consumer<String> log) {
        if (logged.getAndSet(configured) != configured) {
            budget.warning(name, configured).ifPresent(log);
        }
    }
}
