package org.godshell.toaster.site.output;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.godshell.toaster.site.history.CommitDiffs;
import org.godshell.toaster.site.history.History;

/**
 * One page per commit that touched pages, {@code _commit/ID.html}: who, when, why, and the diff of every file.
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

    /** The page of a commit, relative to the site's root. */
    static String url(String commit) {
        return "_commit/" + commit + ".html";
    }

    void add(SiteComposer.Input input, Changes changes, Views.SiteView site) throws IOException {
        List<Views.CommitView> todo = new ArrayList<>();
        for (History.Commit commit : input.history().commits()) {
            List<Object> key = List.of(commit.id(), changes.pagesNow(commit));
            if (!memo.keep(url(commit.id()), Memo.key("commit.ftlh", site, "commit", key))) {
                todo.add(changes.view(commit, 1));
            }
        }
        List<CommitDiffs.Diff> diffs = input.diffs().read(todo.stream().map(Views.CommitView::commit).toList());
        for (int i = 0; i < todo.size(); i++) {
            Map<String, Object> model = new HashMap<>();
            model.put("site", site);
            model.put("commit", todo.get(i));
            model.put("diff", diffs.get(i));
            composer.enqueue(url(todo.get(i).commit()), "commit.ftlh", model);
        }
    }
}
