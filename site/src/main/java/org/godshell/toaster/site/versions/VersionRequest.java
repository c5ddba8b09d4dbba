package org.godshell.toaster.site.versions;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.lib.FileMode;
import org.godshell.toaster.site.git.PathRules;
import org.godshell.toaster.site.serve.SitePath;

/**
 * A request for a page's past, read strictly: {@code /_version/PATH.md} or {@code /_compare/PATH.md}, where PATH
 * is decoded once ({@link SitePath}: no {@code ..}, no dot segments, no control characters) and must pass the
 * rules a pushed file passes ({@link PathRules}), and a query of only the expected names, each once, each value
 * bare hex (which needs no decoding; anything else is refused, never decoded).
 */
sealed interface VersionRequest {

    String VERSION = "/_version/";
    String COMPARE = "/_compare/";

    /** A page path and the query's values by name. */
    record Valid(boolean compare, String path, Map<String, String> query) implements VersionRequest {
    }

    /** Not ours: another handler's path. */
    record NotOurs() implements VersionRequest {
    }

    /** Ours but unreadable (400); the reason is our words, never the request's. */
    record Bad(String reason) implements VersionRequest {
    }

    static VersionRequest parse(String rawPath, String rawQuery) {
        boolean compare = rawPath != null && rawPath.startsWith(COMPARE);
        if (rawPath == null || !compare && !rawPath.startsWith(VERSION)) {
            return new NotOurs();
        }
        if (!(SitePath.parse(rawPath) instanceof SitePath.Found found) || found.directory()
                || found.segments().size() < 2) {
            return new Bad("not a page's path");
        }
        String path = String.join("/", found.segments().subList(1, found.segments().size()));
        Optional<String> problem = PathRules.entry(path.getBytes(StandardCharsets.UTF_8), FileMode.REGULAR_FILE);
        if (problem.isPresent() || !path.endsWith(".md")) {
            return new Bad("not a page's path");
        }
        List<String> names = compare ? List.of("from", "to") : List.of("at");
        Map<String, String> query = new TreeMap<>();
        for (String pair : rawQuery == null || rawQuery.isEmpty() ? new String[0] : rawQuery.split("&", -1)) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            if (!names.contains(name) || query.put(name, value) != null) {
                return new Bad("the query takes only " + String.join(" and ", names) + ", each once");
            }
            if (!Revision.HEX.matcher(value).matches()) {
                return new Bad("a version is a commit id of 4 to 40 hex digits");
            }
        }
        if (query.size() != names.size()) {
            return new Bad("the query needs " + String.join(" and ", names));
        }
        return new Valid(compare, path, query);
    }
}
