package org.godshell.toaster.site.versions;

import java.io.IOException;
import java.util.Collection;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * A commit named in a request, resolved strictly: 4 to 40 lower- or upper-case hex digits (no ref names, no
 * {@code HEAD~2}, no {@code :path} syntax: JGit's {@code resolve} would take all of those), naming exactly one
 * object, which must be a commit reachable from {@code main}. A blob, a tree, a tag, a commit of another branch
 * or one left dangling after a force-push are all unknown: the wiki shows only what its history holds.
 */
sealed interface Revision {

    Pattern HEX = Pattern.compile("[0-9a-fA-F]{4,40}");

    /** The commit, and whether it was named in full (only then is the answer cacheable for ever). */
    record Found(RevCommit commit, boolean full) implements Revision {
    }

    /** Not an id at all: the client's mistake (400). */
    record Malformed(String reason) implements Revision {
    }

    /** An abbreviation of several objects (400: the client must say more). */
    record Ambiguous() implements Revision {
    }

    /** No commit of the wiki's history has this id (404). */
    record Unknown() implements Revision {
    }

    /** Resolves {@code id} with {@code walk}, whose repository's {@code main} is {@code head}. */
    static Revision resolve(Repository repository, RevWalk walk, ObjectId head, String id) throws IOException {
        if (id == null || !HEX.matcher(id).matches()) {
            return new Malformed("a version is a commit id of 4 to 40 hex digits");
        }
        Collection<ObjectId> candidates;
        try (ObjectReader reader = repository.newObjectReader()) {
            candidates = reader.resolve(AbbreviatedObjectId.fromString(id.toLowerCase(java.util.Locale.ROOT)));
        }
        if (candidates.size() > 1) {
            return new Ambiguous();
        }
        if (candidates.isEmpty()) {
            return new Unknown();
        }
        RevCommit commit;
        try {
            commit = walk.parseCommit(candidates.iterator().next());
        } catch (IncorrectObjectTypeException | MissingObjectException e) {
            return new Unknown();
        }
        RevCommit main = walk.parseCommit(head);
        if (!walk.isMergedInto(commit, main)) {
            return new Unknown();
        }
        return new Found(commit, id.length() == 40);
    }
}
