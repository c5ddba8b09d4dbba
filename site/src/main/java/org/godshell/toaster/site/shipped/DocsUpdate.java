package org.godshell.toaster.site.shipped;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.godshell.toaster.site.git.Printable;

/** What following the shipped documentation did to the wiki's {@code main}; {@link #lines()} says it to the admin. */
public sealed interface DocsUpdate {

    /** The commit {@code main} points at afterwards. */
    ObjectId main();

    /** The version whose documentation it followed. */
    String version();

    /** Whether {@code main} moved, so that the site must be built again. */
    default boolean moved() {
        return !(this instanceof UpToDate || this instanceof Conflicts);
    }

    /** One or more lines for the terminal and the push log, each ending without a newline. */
    List<String> lines();

    /** A new repository (or one without {@code main}): {@code main} starts at the shipped documentation. */
    record Created(ObjectId main, String version) implements DocsUpdate {
        @Override
        public List<String> lines() {
            return List.of("main starts with the documentation for " + version + " (" + shortId(main) + ")");
        }
    }

    /** {@code main} holds the shipped documentation already: nothing was done. */
    record UpToDate(ObjectId main, String version) implements DocsUpdate {
        @Override
        public List<String> lines() {
            return List.of("main holds the documentation for " + version + " already: nothing done");
        }
    }

    /** Nobody had changed {@code main} since the last shipped documentation: it moved forward to the new one. */
    record FastForward(ObjectId main, String version) implements DocsUpdate {
        @Override
        public List<String> lines() {
            return List.of("main moved forward to the documentation for " + version + " (" + shortId(main)
                    + "); nobody had edited the wiki since the last version's");
        }
    }

    /** The new documentation merged with the community's edits as a commit with two parents. */
    record Merged(ObjectId main, String version) implements DocsUpdate {
        @Override
        public List<String> lines() {
            return List.of("merged the documentation for " + version + " with the wiki's edits (" + shortId(main)
                    + ")");
        }
    }

    /**
     * Pages changed both in the wiki and in the new version: {@code main} is left as it is, the new version's
     * text waits on {@link ShippedDocs#BRANCH}, and this is said on every run until someone merges it.
     */
    record Conflicts(ObjectId main, String version, ObjectId shipped, List<PageConflict> pages)
            implements DocsUpdate {
        public Conflicts {
            pages = List.copyOf(pages);
        }

        @Override
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            lines.add("NOT merged: the documentation for " + version + " changes " + pages.size()
                    + " page(s) the wiki's editors changed too; main is left as it is, nothing is lost:");
            pages.forEach(page -> lines.add("  " + page.line()));
            lines.add("the new text is on the branch " + ShippedDocs.BRANCH + " (" + shortId(shipped) + "); in a "
                    + "clone of the wiki:");
            lines.add("  git fetch origin && git diff main origin/" + ShippedDocs.BRANCH + " -- PAGE");
            lines.add("  git merge origin/" + ShippedDocs.BRANCH + "   (fix each page, git add, git commit), "
                    + "then git push");
            lines.add("(or keep the wiki's text: git merge -s ours origin/" + ShippedDocs.BRANCH
                    + " && git push); until then each upgrade says this again");
            return lines;
        }
    }

    /** One page the merge could not decide, with both sides named. */
    record PageConflict(String path, String why) {
        String line() {
            return Printable.of(path, 200) + ": " + why;
        }
    }

    private static String shortId(ObjectId id) {
        return id.abbreviate(12).name();
    }
}
