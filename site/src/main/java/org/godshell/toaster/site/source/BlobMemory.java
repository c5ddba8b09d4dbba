package org.godshell.toaster.site.source;

import java.util.HashMap;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The contents of the blobs the previous tree read in this process held, by object id: a blob's id is the hash of
 * its bytes, so the same id always names the same bytes, and the wiki server's next build (one page changed)
 * reads the other pages from here instead of inflating them from the pack again.
 *
 * <p>Bounded: only the newest tree's blobs are kept, up to {@link #MAX_BYTES} in all (a file past that is read
 * from the repository each time). The arrays are shared between builds and never written.
 */
final class BlobMemory {

    static final long MAX_BYTES = 64L << 20;

    private static Map<ObjectId, byte[]> last = Map.of();

    private final Map<ObjectId, byte[]> previous;
    private final Map<ObjectId, byte[]> next = new HashMap<>();
    private long bytes;

    private BlobMemory(Map<ObjectId, byte[]> previous) {
        this.previous = previous;
    }

    /** A memory for one tree's reading, starting from the previous tree's blobs. */
    static synchronized BlobMemory start() {
        return new BlobMemory(last);
    }

    /** The bytes of {@code blob} if the previous tree had them (and keeps them for the next one). */
    byte[] recall(ObjectId blob) {
        byte[] content = previous.get(blob);
        if (content != null) {
            remember(blob, content);
        }
        return content;
    }

    /** Keeps {@code content} for the next tree, while the bound allows. */
    void remember(ObjectId blob, byte[] content) {
        if (bytes + content.length <= MAX_BYTES && next.putIfAbsent(blob.copy(), content) == null) {
            bytes += content.length;
        }
    }

    /** This tree's blobs become the ones the next tree starts from. */
    void finish() {
        synchronized (BlobMemory.class) {
            last = Map.copyOf(next);
        }
    }
}
