package org.godshell.toaster.site.git;

/**
 * Size limits of a push: one file (any git object, in fact), and the whole pack a push sends. JGit enforces both
 * while it reads the pack, so a push over either is refused before anything is stored.
 *
 * @param maxFileBytes the largest object a push may carry
 * @param maxPushBytes the largest pack a push may send
 */
public record PushLimits(long maxFileBytes, long maxPushBytes) {

    /** Pages are a few kilobytes and attachments a few megabytes; a wiki push is rarely near these. */
    public static final PushLimits DEFAULT = new PushLimits(5L << 20, 50L << 20);

    public PushLimits {
        if (maxFileBytes < 1 || maxPushBytes < maxFileBytes) {
            throw new IllegalArgumentException("limits must be positive and the push limit at least the file limit");
        }
    }
}
