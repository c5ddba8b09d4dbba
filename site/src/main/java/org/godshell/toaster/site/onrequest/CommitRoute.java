package org.godshell.toaster.site.onrequest;

import java.util.Optional;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jgit.lib.Repository;
import org.godshell.toaster.site.history.CommitDiffs;
import org.godshell.toaster.site.history.History;
import org.godshell.toaster.site.output.CommitPage;

/**
 * {@code GET} and {@code HEAD /_commit/ID.html}, rendered from the build the site symlink names when the request
 * comes: the same bytes a static export's build writes ({@link CommitPage}). The request passes on to the site,
 * which answers it as a path without a file (the site's 404), when it is not exactly a commit page's address
 * ({@link CommitRequest}), when the build's history does not list the commit, or when the build wrote its commit
 * pages itself (a static export or a wiki with its own templates: the file is then served). A commit's diff is
 * bounded by {@link CommitDiffs}' limits, so one page is too; the cache and the bound on renderings at once are
 * those of {@link PublishedPages}.
 */
public final class CommitRoute extends Handler.Abstract {

    private final PublishedPages published;
    private final Repository repository;

    /** Commit pages of the builds {@code published} reads, their diffs read from {@code repository}. */
    public CommitRoute(PublishedPages published, Repository repository) {
        this.published = published;
        this.repository = repository;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Optional<String> id = CommitRequest.id(request.getHttpURI().getPath(), request.getHttpURI().getQuery());
        String method = request.getMethod();
        if (id.isEmpty() || !method.equals("GET") && !method.equals("HEAD")) {
            return false;
        }
        String file = CommitPage.url(id.get());
        Optional<PublishedPages.Build> build = published.current(file);
        Optional<History.Commit> commit = build.flatMap(pages -> pages.pages().commits().listed(id.get()));
        if (commit.isEmpty()) {
            return false;
        }
        CommitPage pages = build.get().pages().commits();
        return published.answer(request, response, callback, build.get(), file, templates -> pages.render(templates,
                commit.get(), new CommitDiffs(repository).read(commit.get().id())));
    }
}
