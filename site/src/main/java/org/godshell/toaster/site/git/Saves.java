package org.godshell.toaster.site.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Moving main to a commit made on the server (the browser's editor wrote its objects already) as a push would:
 * under the push lock, only when main is still the commit the change was made on, after the pre-receive checks of
 * a push ({@link PushRules}, each changed file within {@link PushLimits#maxFileBytes()}, the repository within its
 * size, {@link StrictLinks} when {@code wiki.strict} is on), then built and published by the push's
 * {@link Publisher}, and logged in the push log. A check that fails leaves main where it was.
 */
public final class Saves {

    /** What became of a save. */
    public sealed interface Saved {
    }

    /** Main is at {@code commit}; {@code published} tells whether the site shows it; lines as a push prints. */
    public record Published(ObjectId commit, boolean published, List<String> lines) implements Saved {
    }

    /** Main is no longer the commit the change was made on: it is {@code main} now; nothing was done. */
    public record Moved(Optional<ObjectId> main) implements Saved {
    }

    /** A check refused the change; main did not move. */
    public record Refused(String reason, List<String> lines) implements Saved {
    }

    private final Pushes pushes;

    Saves(Pushes pushes) {
        this.pushes = pushes;
    }

    /**
     * Moves main from {@code expected} (empty: main does not exist yet) to {@code commit}, a child of it, as
     * {@code account} from {@code client}.
     */
    public Saved save(String account, String client, Optional<ObjectId> expected, ObjectId commit)
            throws IOException {
        Saved saved;
        try {
            saved = locked(account, client, expected, commit);
        } catch (IOException | RuntimeException e) {
            pushes.observer.saved(PushObserver.Save.FAILED);
            throw e;
        }
        pushes.observer.saved(switch (saved) {
            case Published published -> PushObserver.Save.SAVED;
            case Moved moved -> PushObserver.Save.CONFLICT;
            case Refused refused -> PushObserver.Save.REFUSED;
        });
        return saved;
    }

    private Saved locked(String account, String client, Optional<ObjectId> expected, ObjectId commit)
            throws IOException {
        pushes.lock.lock();
        try {
            Ref main = pushes.repository.exactRef(PushRules.MAIN);
            Optional<ObjectId> now = Optional.ofNullable(main).map(Ref::getObjectId);
            if (!now.equals(expected)) {
                return new Moved(now);
            }
            ObjectId old = expected.orElse(ObjectId.zeroId());
            List<String> lines = new ArrayList<>();
            Publisher.Messages to = new Publisher.Messages(lines::add, lines::add);
            Optional<String> problem = check(old, commit, to);
            String logged = "save ref=" + PushRules.MAIN + " old=" + old.abbreviate(12).name() + " new="
                    + commit.abbreviate(12).name();
            if (problem.isPresent()) {
                pushes.pushLog.append(account, client, logged + " result=REJECTED reason=\""
                        + problem.get().replace('"', '\'') + "\"");
                return new Refused(problem.get(), lines);
            }
            RefUpdate update = pushes.repository.updateRef(PushRules.MAIN);
            update.setExpectedOldObjectId(old);
            update.setNewObjectId(commit);
            update.setRefLogIdent(new PersonIdent(account, account));
            update.setRefLogMessage("wiki save in the browser", false);
            RefUpdate.Result result = update.update();
            if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FAST_FORWARD) {
                return new Moved(Optional.ofNullable(pushes.repository.exactRef(PushRules.MAIN))
                        .map(Ref::getObjectId));
            }
            Publisher publisher = new Publisher(pushes.build, pushes.builder, pushes.log);
            publisher.publish(pushes.repository, commit.name(), to);
            pushes.pushLog.append(account, client, logged + " result=OK " + publisher.outcome());
            return new Published(commit, publisher.outcome().startsWith("build=ok"), lines);
        } finally {
            pushes.lock.unlock();
        }
    }

    private Optional<String> check(ObjectId old, ObjectId commit, Publisher.Messages to) throws IOException {
        ReceiveCommand command = new ReceiveCommand(old, commit, PushRules.MAIN);
        Optional<String> problem = new PushRules(pushes.limits).check(pushes.repository, List.of(command));
        if (problem.isEmpty()) {
            problem = sizes(old, commit);
        }
        if (problem.isEmpty()) {
            problem = new StrictLinks(pushes.build, pushes.log).check(pushes.repository, old, commit, to);
        }
        return problem;
    }

    /** What {@link PushSize} and JGit's object limit hold a push to, for the files this commit changes. */
    private Optional<String> sizes(ObjectId old, ObjectId commit) throws IOException {
        try (RevWalk walk = new RevWalk(pushes.repository); ObjectReader reader = pushes.repository.newObjectReader();
             TreeWalk tree = new TreeWalk(reader)) {
            RevCommit after = walk.parseCommit(commit);
            tree.addTree(after.getTree());
            if (old.equals(ObjectId.zeroId())) {
                tree.setFilter(TreeFilter.ALL);
            } else {
                tree.addTree(walk.parseCommit(old).getTree());
                tree.setFilter(TreeFilter.ANY_DIFF);
            }
            tree.setRecursive(true);
            while (tree.next()) {
                if (tree.getObjectId(0).equals(ObjectId.zeroId())) {
                    continue;                                           // removed: nothing new stored
                }
                long size = reader.getObjectSize(tree.getObjectId(0), ObjectReader.OBJ_ANY);
                if (size > pushes.limits.maxFileBytes()) {
                    return Optional.of(tree.getPathString() + " is " + size + " bytes, over the limit of "
                            + pushes.limits.maxFileBytes());
                }
            }
        }
        long stored = PushSize.bytesUnder(pushes.repository.getDirectory().toPath());
        if (stored > pushes.limits.maxRepositoryBytes()) {
            return Optional.of("the repository would take " + stored + " bytes, over its limit of "
                    + pushes.limits.maxRepositoryBytes() + "; ask the admin");
        }
        return Optional.empty();
    }
}
