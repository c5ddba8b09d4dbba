package org.godshell.toaster.site.shipped;

import java.io.IOException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/**
 * Moving a ref only from the commit it was read at (compare-and-set). The wiki's server may take a push while
 * an upgrade runs in another process; both move refs through a lock file and check the old value under it, so
 * whichever comes second sees that the ref moved instead of overwriting the other's commit.
 */
final class Refs {

    /** The ref was not where it was read: someone else moved it first. */
    static final class Moved extends Exception {
        private static final long serialVersionUID = 1L;

        Moved(String ref, RefUpdate.Result result) {
            super(ref + " moved while it was being updated (" + result + ")");
        }
    }

    private Refs() {
    }

    /**
     * Moves {@code ref} from {@code expected} ({@link ObjectId#zeroId()}: it must not exist) to {@code to}, never
     * backwards.
     *
     * @throws IOException when it has moved since, or cannot be written
     */
    static void move(Repository repository, String ref, ObjectId expected, ObjectId to, PersonIdent who,
                     String why) throws IOException {
        try {
            tryMove(repository, ref, expected, to, who, why);
        } catch (Moved e) {
            throw new IOException(e.getMessage() + "; another run changed it at the same time: run again", e);
        }
    }

    /** As {@link #move}, but a ref that moved since is {@link Moved}, for the caller to read it again and retry. */
    static void tryMove(Repository repository, String ref, ObjectId expected, ObjectId to, PersonIdent who,
                        String why) throws IOException, Moved {
        RefUpdate update = repository.updateRef(ref);
        update.setExpectedOldObjectId(expected);
        update.setNewObjectId(to);
        update.setRefLogIdent(who);
        update.setRefLogMessage(why.strip(), false);
        RefUpdate.Result result = update.update();
        switch (result) {
            case NEW, FAST_FORWARD -> {
            }
            case LOCK_FAILURE, REJECTED -> throw new Moved(ref, result);
            default -> throw new IOException("cannot move " + ref + " of " + repository.getDirectory() + ": "
                    + result);
        }
    }
}
