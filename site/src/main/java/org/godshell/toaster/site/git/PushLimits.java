package org.godshell.toaster.site.git;

/**
 * Limits of a push. Sizes: one file (any git object, in fact) and the whole pack a push sends; JGit enforces
 * both while it reads the pack, so a push over either is refused before anything is stored. Shape: how deep
 * folders nest and how long a path is, checked by {@link PushRules} before the ref moves, because the build and
 * the files it writes cannot take any depth (a tree 1,900 folders deep overflowed the build's stack, and no
 * file system holds a path that long).
 *
 * @param maxFileBytes the largest object a push may carry
 * @param maxPushBytes the largest pack a push may send
 * @param maxDepth     the most folders a path may nest in
 * @param maxPathBytes the longest path, in UTF-8 bytes
 */
public record PushLimits(long maxFileBytes, long maxPushBytes, int maxDepth, int maxPathBytes) {

    /** Pages are a few kilobytes and attachments a few megabytes; a wiki push is rarely near these. */
    public static final PushLimits DEFAULT = new PushLimits(5L << 20, 50L << 20, 32, 1024);

    public PushLimits {
        if (maxFileBytes < 1 || maxPushBytes < maxFileBytes) {
            throw new IllegalArgumentException("limits must be positive and the push limit at least the file limit");
        }
        if (maxDepth < 1 || maxPathBytes < 1) {
            throw new IllegalArgumentException("the depth and path limits must be positive");
        }
    }
}
