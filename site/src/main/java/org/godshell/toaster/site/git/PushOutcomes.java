package org.godshell.toaster.site.git;

import java.util.List;
import org.eclipse.jgit.errors.TooLargeObjectInPackException;
import org.eclipse.jgit.errors.TooLargePackException;
import org.eclipse.jgit.transport.ReceiveCommand;

/** Which {@link PushObserver.Push} a received pack was, from what the checks and JGit left behind. */
final class PushOutcomes {

    private PushOutcomes() {
    }

    /**
     * @param stored    whether main moved
     * @param sizeLimit whether {@link PushSize} refused it
     * @param commands  the push's commands with their final results
     * @param otherwise what the receiving's exception said, when the commands say nothing
     */
    static PushObserver.Push of(boolean stored, boolean sizeLimit, List<ReceiveCommand> commands,
            PushObserver.Push otherwise) {
        if (stored) {
            return PushObserver.Push.ACCEPTED;
        }
        if (sizeLimit) {
            return PushObserver.Push.LIMITS;
        }
        // PushRules and StrictLinks refuse with REJECTED_OTHER_REASON; JGit's own refusals (a non-fast-forward,
        // a delete) have results of their own and stay "other".
        if (commands.stream().anyMatch(c -> c.getResult() == ReceiveCommand.Result.REJECTED_OTHER_REASON)) {
            return PushObserver.Push.CHECKS;
        }
        return otherwise;
    }

    /** Whether receiving failed for a size: the pack, one object in it, or the request body. */
    static boolean overLimit(Throwable e) {
        Throwable t = e;
        // a cause chain is short; the bound only stops a chain that loops back on itself
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
            if (t instanceof TooLargePackException || t instanceof TooLargeObjectInPackException
                    || t instanceof BoundedInput.OverLimit) {
                return true;
            }
        }
        return false;
    }
}
