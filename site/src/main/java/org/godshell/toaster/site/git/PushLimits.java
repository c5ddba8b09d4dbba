package org.godshell.toaster.site.git;

/**
 * Limits of a push. Sizes: one file (any git object, in fact) and the whole pack a push sends; JGit enforces
 * both while it reads the pack, so a push over either is refused before anything is stored. What the pack
 * unpacks to and the repository's size on disk once it is stored are checked by {@link PushSize} before the ref
 * moves: a pack is compressed, and 54 KB of zeros unpacked to a gigabyte. Shape: how deep
 * folders nest and how long a path is, checked by {@link PushRules} before the ref moves, because the build and
 * the files it writes cannot take any depth (a tree 1,900 folders deep overflowed the build's stack, and no
 * file system holds a path that long).
 *
 * @param maxFileBytes the largest object a push may carry
 * @param maxPushBytes the largest pack a push may send
 * @param maxDepth     the most folders a path may nest in
 * @param maxPathBytes the longest path, in UTF-8 bytes
 * @param maxUnpackedBytes the most all objects of one push may hold once uncompressed
 * @param maxRepositoryBytes the most the repository may take on disk with the push in it
 */
public record PushLimits(long maxFileBytes, long maxPushBytes, int maxDepth, int maxPathBytes,
                         long maxUnpackedBytes, long maxRepositoryBytes) {

    /**
     * Pages are a few kilobytes and attachments a few megabytes; a wiki push is rarely near these. Attachments
     * hardly compress, text does about four times: 200 MiB unpacked leaves room for any honest 50 MB push. The
     * repository shares its disk with the mail queue, so it stops at 2 GiB.
     */
    public static final PushLimits DEFAULT = new PushLimits(5L << 20, 50L << 20, 32, 1024, 200L << 20, 2L << 30);

    public PushLimits {
        if (maxFileBytes < 1 || maxPushBytes < maxFileBytes) {
            throw new IllegalArgumentException("limits must be positive and the push limit at least the file limit");
        }
        if (maxDepth < 1 || maxPathBytes < 1) {
            throw new IllegalArgumentException("the depth and path limits must be positive");
        }
        if (maxUnpackedBytes < maxFileBytes || maxRepositoryBytes < maxPushBytes) {
            throw new IllegalArgumentException("a push must be able to unpack one file and the repository to hold"
                    + " one push");
        }
    }
}
