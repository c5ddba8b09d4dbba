package org.godshell.toaster.site.onrequest;

import java.util.Optional;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.godshell.toaster.site.output.HistoryPage;

/**
 * {@code GET} and {@code HEAD /_history/PATH.html}, the history page of a page of the build the site symlink names
 * when the request comes: the same bytes a static export's build writes ({@link HistoryPage}). The request passes
 * on to the site when its path is not one a page's history has ({@link HistoryRequest}), or when the build holds
 * the file itself (a static export, a wiki with its own templates, the history of a deleted page or the redirect
 * at a renamed page's former name): the site then serves the file, or its 404.
 */
public final class HistoryRoute extends Handler.Abstract {

    private final PublishedPages published;

    /** History pages of the builds {@code published} reads. */
    public HistoryRoute(PublishedPages published) {
        this.published = published;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Optional<String> file = HistoryRequest.file(request.getHttpURI().getPath());
        String method = request.getMethod();
        if (file.isEmpty() || !method.equals("GET") && !method.equals("HEAD")) {
            return false;
        }
        Optional<PublishedPages.Build> build = published.current(file.get());
        Optional<String> page = build.flatMap(pages -> pages.pages().histories().listed(file.get()));
        if (page.isEmpty()) {
            return false;
        }
        HistoryPage pages = build.get().pages().histories();
        return published.answer(request, response, callback, build.get(), file.get(),
                templates -> pages.render(templates, page.get()));
    }
}
