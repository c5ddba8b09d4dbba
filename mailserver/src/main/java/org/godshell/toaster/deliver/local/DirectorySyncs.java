package org.godshell.toaster.deliver.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.godshell.toaster.queue.GroupCommit;

/**
 * The fsync of a Maildir's {@code new/}, shared by the deliveries into that directory that wait for it at the
 * same time: a delivery links its file into {@code new/}, then calls {@link #sync(Path)}, which returns once an
 * fsync of that directory <em>started after</em> the call has completed ({@link GroupCommit}), or throws if it
 * failed, for every delivery that waited on it. So ten deliveries into one mailbox at once pay for about two
 * directory fsyncs, not ten, and none of them returns before its own link is durable.
 *
 * <p>A directory has a {@link GroupCommit} only while someone waits on it: the map holds the directories being
 * delivered into right now, not every mailbox ever seen.
 */
final class DirectorySyncs {

    /** The durable step for one directory; {@code AtomicFile::syncDirectory} outside tests. */
    @FunctionalInterface
    interface Fsync {
        void sync(Path dir) throws IOException;
    }

    /** A directory's group commit and how many callers use it now; {@code users} changes only in compute. */
    private static final class Shared {
        final GroupCommit group;
        int users;

        Shared(GroupCommit group) {
            this.group = group;
        }
    }

    private final Fsync fsync;
    private final Map<Path, Shared> shared = new ConcurrentHashMap<>();

    DirectorySyncs(Fsync fsync) {
        this.fsync = fsync;
    }

    /** Returns when every change made in {@code dir} before this call is durable. */
    void sync(Path dir) throws IOException {
        Shared mine = shared.compute(dir, (key, now) -> {
            Shared entry = now != null ? now : new Shared(new GroupCommit(() -> fsync.sync(key)));
            entry.users++;
            return entry;
        });
        try {
            mine.group.await();
        } finally {
            shared.computeIfPresent(dir, (key, now) -> --now.users == 0 ? null : now);
        }
    }

    /** How many deliveries wait for the running fsync of {@code dir} to end; for tests. */
    int waiting(Path dir) {
        Shared entry = shared.get(dir);
        return entry == null ? 0 : entry.group.waiting();
    }

    /** How many directories have a group commit now; for tests (0 once nobody waits). */
    int active() {
        return shared.size();
    }
}
