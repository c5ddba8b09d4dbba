package org.godshell.toaster.site.search;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.godshell.toaster.site.serve.QueryParameter;

/**
 * {@code GET /_api/search?q=WORDS&limit=N}: the published wiki's pages best matching the words, as JSON ({@link
 * JsonReply}): title, URL of the best section, its heading and a snippet in segments. {@code q} is read as form
 * data ('+' is a space) and strictly (RFC 3986 §2.1, UTF-8); a missing, empty or unreadable {@code q} or a bad
 * {@code limit} is a 400, and no usable index a 503, both with a JSON error. {@code limit} is 10 unless given, at
 * most {@link #MAX_LIMIT}. Every other path passes on.
 */
public final class SearchRoute extends Handler.Abstract {

    public static final String PATH = "/_api/search";
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 50;

    private final LiveIndex index;
    private final Consumer<String> log;

    public SearchRoute(LiveIndex index, Consumer<String> log) {
        this.index = index;
        this.log = log;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!PATH.equals(request.getHttpURI().getPath())) {
            return false;
        }
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
            response.getHeaders().put("Allow", "GET, HEAD");
            JsonReply.error(response, callback, 405, "only GET and HEAD are served here");
            return true;
        }
        String raw = request.getHttpURI().getQuery();
        // application/x-www-form-urlencoded: a '+' is a space; a plus typed in the query arrives as %2B
        String form = raw == null ? null : raw.replace('+', ' ');
        String query = switch (QueryParameter.find(form, "q")) {
            case QueryParameter.Present(String value) when !value.isBlank() -> value;
            case QueryParameter.Present present -> null;
            case QueryParameter.Absent absent -> null;
            case QueryParameter.Refused refused -> null;
        };
        int limit = limit(form);
        if (query == null || limit < 0) {
            JsonReply.error(response, callback, 400, query == null ? "give the words to find as q=WORDS (UTF-8)"
                    : "limit must be a number from 1 to " + MAX_LIMIT);
            return true;
        }
        if (!(index.current() instanceof LiveIndex.Ready(WikiIndex ready))) {
            JsonReply.error(response, callback, 503, "search is not available now; the search page uses its "
                    + "static index");
            return true;
        }
        List<WikiIndex.Hit> hits;
        try {
            hits = ready.search(query, limit);
        } catch (IOException | RuntimeException e) {
            log.accept("search: a query failed: " + e);
            JsonReply.error(response, callback, 503, "search failed; the search page uses its static index");
            return true;
        }
        JsonReply.results(response, callback, hits);
        return true;
    }

    /** The limit asked for, capped; -1 when it is not a number from 1 up. */
    private static int limit(String form) {
        return switch (QueryParameter.find(form, "limit")) {
            case QueryParameter.Absent absent -> DEFAULT_LIMIT;
            case QueryParameter.Present(String value) when value.matches("[0-9]{1,6}") && Integer.parseInt(value) > 0
                    -> Math.min(MAX_LIMIT, Integer.parseInt(value));
            case QueryParameter.Present present -> -1;
            case QueryParameter.Refused refused -> -1;
        };
    }
}
