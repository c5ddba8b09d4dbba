package org.godshell.toaster.site.onrequest;

import java.nio.file.Path;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jgit.lib.Repository;

/** The routes of pages on request over one site, as {@code toaster wiki serve} puts them before it. */
public final class OnRequest {

    private OnRequest() {
    }

    public static Handler routes(Path site, Repository repository) {
        PublishedPages published = new PublishedPages(site, line -> { });
        return new Handler.Sequence(new CommitRoute(published, repository), new HistoryRoute(published));
    }
}
