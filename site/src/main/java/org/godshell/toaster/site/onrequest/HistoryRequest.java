package org.godshell.toaster.site.onrequest;

import java.util.Optional;
import org.godshell.toaster.site.serve.SitePath;

/**
 * A request for a page's history, read from the raw path exactly as the site reads a path for a file
 * ({@link SitePath}: decoded once, refused rather than normalized), so that the address of a history page the
 * server renders is the address of the file a static export holds. The query is ignored, as for files.
 */
final class HistoryRequest {

    private static final String FOLDER = "_history";

    private HistoryRequest() {
    }

    /** The file asked for ({@code _history/...html}, relative to the site's root), or empty when not one. */
    static Optional<String> file(String rawPath) {
        if (!(SitePath.parse(rawPath) instanceof SitePath.Found found) || found.directory()
                || found.segments().size() < 2 || !found.segments().getFirst().equals(FOLDER)
                || !found.segments().getLast().endsWith(".html")) {
            return Optional.empty();
        }
        return Optional.of(String.join("/", found.segments()));
    }
}
