package org.godshell.toaster.backup;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * What a path in an archive may be. A restore writes only below its staging directory, so every name is
 * checked before it becomes a path there: relative, no empty, {@code .} or {@code ..} name, no control
 * character, inside one of the {@link #AREAS}. Symbolic links are entries of the manifest, never members, and
 * may only point inside their own area by a relative path ({@code control/servercert.pem} →
 * {@code acme/servercert.pem}).
 */
public final class MemberName {

    /** The parts of a prefix a backup holds: each is moved aside and replaced as a whole by a restore. */
    public static final List<String> AREAS = List.of("control", "domains", "var", "queue/mess", "queue/info");
    /** The wiki repository as a git bundle, and the branch its HEAD names. */
    public static final String WIKI_BUNDLE = "wiki/wiki.bundle";
    public static final String WIKI_HEAD = "wiki/HEAD";
    /** The first and the last member of every archive. */
    public static final String INFO = "toaster-backup.info";
    public static final String MANIFEST = "toaster-backup.manifest";
    /** Where the backup keeps its own state: never in an archive, never restored. */
    public static final String STATE = "var/backup";

    private static final int MAX_LENGTH = 4096;

    private MemberName() {
    }

    /** {@code path} when it is a name an archive may hold; {@code IllegalArgumentException} saying why not. */
    public static String check(String path) {
        if (path.isEmpty() || path.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("bad name length " + path.length());
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("control character in name " + Escape.encode(path));
            }
        }
        if (path.startsWith("/")) {
            throw new IllegalArgumentException("absolute name " + path);
        }
        for (String name : path.split("/", -1)) {
            if (name.isEmpty() || name.equals(".") || name.equals("..")) {
                throw new IllegalArgumentException("name with an empty, . or .. part: " + path);
            }
        }
        if (area(path) == null) {
            throw new IllegalArgumentException("name outside the backed-up areas: " + path);
        }
        if (path.equals(STATE) || path.startsWith(STATE + "/")) {
            throw new IllegalArgumentException("the backup's own state is never in an archive: " + path);
        }
        return path;
    }

    /** The area {@code path} lies in ({@link #AREAS}, or {@code wiki} for the bundle and its HEAD), or null. */
    public static String area(String path) {
        if (path.equals(WIKI_BUNDLE) || path.equals(WIKI_HEAD)) {
            return "wiki";
        }
        for (String area : AREAS) {
            if (path.equals(area) || path.startsWith(area + "/")) {
                return area;
            }
        }
        return null;
    }

    /**
     * Refuses a link whose target is absolute, climbs out of the link's area, or sits in the queue or the wiki
     * (which never hold links).
     */
    public static void checkLink(String path, String target) {
        String area = area(path);
        if (target.isEmpty() || target.startsWith("/") || target.length() > MAX_LENGTH
                || target.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("link " + path + " has a bad target " + Escape.encode(target));
        }
        if (!List.of("control", "domains", "var").contains(area)) {
            throw new IllegalArgumentException("no link may be in " + area + ": " + path);
        }
        Deque<String> resolved = new ArrayDeque<>(List.of(path.split("/")));
        resolved.removeLast();
        for (String name : target.split("/")) {
            if (name.equals("..") && resolved.isEmpty()) {
                throw new IllegalArgumentException("link " + path + " points out of the prefix: " + target);
            } else if (name.equals("..")) {
                resolved.removeLast();
            } else if (!name.isEmpty() && !name.equals(".")) {
                resolved.addLast(name);
            }
        }
        String where = String.join("/", resolved);
        if (!where.startsWith(area + "/")) {
            throw new IllegalArgumentException("link " + path + " points out of " + area + ": " + target);
        }
    }
}
