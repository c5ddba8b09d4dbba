package org.godshell.toaster.site.output;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.godshell.toaster.site.history.CommitDiffs;
import org.godshell.toaster.site.history.History;

/**
 * Writes a page per commit that touched pages, {@code _commit/ID.html}, into the site: only for a static export
 * (or a wiki with its own templates), since the server renders them on request ({@link CommitPage}).
 *
 * <p>A commit's diff, author, date and message are fixed by the commit, so the page's memo key is the commit id
 * and what it shows of the pages as they are now (their titles and files): a later build keeps the page, and
 * reads the diff of only the new commits, or of those whose pages were renamed, retitled or deleted since.
 */
final class CommitPages {

    private final SiteComposer composer;
    private final Memo memo;

    CommitPages(SiteComposer composer, Memo memo) {
        this.composer = composer;
        this.memo = memo;
    }

    void add(SiteComposer.Input input, CommitPage pages) throws IOException {
        List<History.Commit> todo = new ArrayList<>();
        for (History.Commit commit : input.history().commits()) {
            if (!memo.keep(CommitPage.url(commit.id()), Memo.key(CommitPage.TEMPLATE, pages.site(), "commit",
                    pages.key(commit)))) {
                todo.add(commit);
            }
        }
        List<CommitDiffs.Diff> diffs = input.diffs().read(todo.stream().map(History.Commit::id).toList());
        for (int i = 0; i < todo.size(); i++) {
            composer.enqueue(CommitPage.url(todo.get(i).id()), CommitPage.TEMPLATE,
                    pages.model(pages.view(todo.get(i)), diffs.get(i)));
        }
    }
}
