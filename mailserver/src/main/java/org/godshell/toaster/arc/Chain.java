package org.godshell.toaster.arc;

import java.util.List;
import org.godshell.toaster.dkim.Message;

/**
 * The ARC sets of a message as read, before any signature is checked: none, a well-formed chain, or a broken
 * one and why (the structural checks of RFC 8617 §5.2 steps 1 to 3).
 */
sealed interface Chain {

    /** No ARC field at all. */
    record Absent() implements Chain {
    }

    /**
     * Instances 1 to N, each with exactly one field of each kind, {@code cv=none} at 1 and {@code cv=pass}
     * above; the sets in instance order.
     */
    record Complete(List<ArcSet> sets) implements Chain {
        public Complete {
            sets = List.copyOf(sets);
        }
    }

    /**
     * Anything else.
     *
     * @param highest      the highest instance read on any ARC field, 0 when none could be read
     * @param failedBefore the seal of the highest instance says {@code cv=fail}: a sealer before us found the
     *                     chain broken, and nobody adds a set after that (§5.1)
     */
    record Broken(String reason, int highest, boolean failedBefore) implements Chain {
    }

    /** The highest instance: N, the number of sets of a complete chain. */
    default int highest() {
        return switch (this) {
            case Absent absent -> 0;
            case Complete complete -> complete.sets().size();
            case Broken broken -> broken.highest();
        };
    }

    static Chain read(Message message) {
        return ChainReader.read(message.fields());
    }
}
