package org.godshell.toaster.site.onrequest;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A request for a commit's page, read strictly from the raw path: {@code /_commit/}, a full commit id of exactly
 * 40 lowercase hex digits, {@code .html}, and no query. Nothing is decoded: any percent escape, other case, other
 * length or extra segment is not ours, and the site answers it as any path without a file (404, or 400 for a
 * path it refuses).
 */
final class CommitRequest {

    private static final Pattern PATH = Pattern.compile("/_commit/([0-9a-f]{40})\\.html");

    private CommitRequest() {
    }

    /** The commit id asked for, or empty when the request is not exactly a commit page's address. */
    static Optional<String> id(String rawPath, String rawQuery) {
        if (rawPath == null || rawQuery != null || rawPath.length() != "/_commit/.html".length() + 40) {
            return Optional.empty();
        }
        var matcher = PATH.matcher(rawPath);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
