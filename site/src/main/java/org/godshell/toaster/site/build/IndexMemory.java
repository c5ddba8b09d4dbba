package org.godshell.toaster.site.build;

import java.util.Arrays;
import java.util.Optional;

/**
 * The last build index this process wrote, kept for the next build in the same process (the wiki server's, at
 * each push): that build reads the index file from disk and, when its bytes are exactly the bytes remembered,
 * takes the index remembered instead of parsing them again (equal bytes decode to an equal index), and the
 * renderings and commits it takes over keep their encoded lines ({@link IndexCodec.Lines}). A file written by
 * another process, or damaged, differs from the bytes remembered and is parsed and checked as before.
 *
 * <p>One index is remembered (the newest); it costs about three times the index's size in memory.
 */
final class IndexMemory {

    private record Remembered(byte[] bytes, BuildIndex index, IndexCodec.Lines lines) {
    }

    private static Remembered last;

    private IndexMemory() {
    }

    /** The index remembered, if {@code bytes} are exactly its bytes. */
    static synchronized Optional<BuildIndex> recall(byte[] bytes) {
        return last != null && Arrays.equals(last.bytes(), bytes) ? Optional.of(last.index()) : Optional.empty();
    }

    /** The lines of the index remembered, for encoding the next one. */
    static synchronized IndexCodec.Lines lines() {
        return last != null ? last.lines() : IndexCodec.Lines.none();
    }

    /** Remembers an index just encoded into {@code encoded}. */
    static synchronized void remember(BuildIndex index, IndexCodec.Encoded encoded) {
        last = new Remembered(encoded.bytes(), index, encoded.lines());
    }
}
