package org.godshell.toaster.site.versions;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathSuffixFilter;
import org.godshell.toaster.site.page.LinkTargets;
import org.godshell.toaster.site.page.Page;
import org.godshell.toaster.site.page.PageLoader;
import org.godshell.toaster.site.source.Limits;
import org.godshell.toaster.site.source.SourceFile;
import org.godshell.toaster.site.source.Warning;
import org.godshell.toaster.site.source.WikiPath;

/**
 * The pages of a commit's tree as link targets: an old version's wiki links resolve as they did when it was
 * written (by the titles and aliases the pages had then). Only {@code .md} files are read, at most as many and
 * as large as a build reads; names the build skips are skipped here too.
 */
final class OldTargets {

    private OldTargets() {
    }

    static LinkTargets of(Repository repository, RevCommit commit, Limits limits) throws IOException {
        List<Page> pages = new ArrayList<>();
        List<Warning> ignored = new ArrayList<>();
        try (TreeWalk walk = new TreeWalk(repository)) {
            walk.addTree(commit.getTree());
            walk.setRecursive(true);
            walk.setFilter(PathSuffixFilter.create(".md"));
            while (walk.next() && pages.size() < limits.maxFiles()) {
                WikiPath.Result name = WikiPath.check(walk.getRawPath());
                FileMode mode = walk.getFileMode(0);
                if (name.problem().isPresent() || name.path().startsWith(".") || name.path().contains("/.")
                        || PageLoader.reserved(name.path()).isPresent()
                        || mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
                    continue;
                }
                ObjectLoader loader = repository.open(walk.getObjectId(0));
                Optional<byte[]> content = loader.getSize() > limits.maxPageBytes() ? Optional.empty()
                        : Optional.of(loader.getBytes());
                pages.add(PageLoader.load(new SourceFile(name.path(), walk.getObjectId(0), loader.getSize(),
                        content), ignored));
            }
        }
        return new LinkTargets(pages, ignored);
    }
}
