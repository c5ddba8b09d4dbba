package org.godshell.toaster.site.versions;

/** RFC 9110 §13.1.2: whether an If-None-Match list matches our entity tag ("*" does; weak comparison, §8.8.3.2). */
final class ETags {

    /** Longer lists are not looked at: the full answer is sent. */
    static final int MAX_HEADER = 4096;

    private ETags() {
    }

    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch.length() > MAX_HEADER) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",", -1)) {
            String tag = candidate.strip();
            if (tag.equals("*") || (tag.startsWith("W/") ? tag.substring(2) : tag).equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
