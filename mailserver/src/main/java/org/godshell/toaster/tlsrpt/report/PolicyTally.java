package org.godshell.toaster.tlsrpt.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.godshell.toaster.tlsrpt.AppliedPolicy;

/**
 * One policy's counts for a day (RFC 8460 §4.4, one element of "policies"). Failures beyond
 * {@link #MAX_GROUPS} distinct groups are still counted in the total, only not detailed, which keeps a report
 * small however many hosts misbehave. Not thread-safe: one report is counted by one thread.
 */
public final class PolicyTally {

    public static final int MAX_GROUPS = 100;

    private final AppliedPolicy policy;
    private final Map<FailureGroup, Long> failures = new LinkedHashMap<>();
    private long successful;
    private long failed;
    private long undetailed;

    PolicyTally(AppliedPolicy policy) {
        this.policy = policy;
    }

    void success() {
        successful++;
    }

    void failure(FailureGroup group) {
        failed++;
        if (failures.containsKey(group) || failures.size() < MAX_GROUPS) {
            failures.merge(group, 1L, Long::sum);
        } else {
            undetailed++;
        }
    }

    public AppliedPolicy policy() {
        return policy;
    }

    public long successful() {
        return successful;
    }

    public long failed() {
        return failed;
    }

    /** Failed sessions counted in {@link #failed} but in no group, past {@link #MAX_GROUPS}. */
    public long undetailed() {
        return undetailed;
    }

    /** The groups in the order first seen, with their session counts. */
    public Map<FailureGroup, Long> failures() {
        return Collections.unmodifiableMap(failures);
    }
}
