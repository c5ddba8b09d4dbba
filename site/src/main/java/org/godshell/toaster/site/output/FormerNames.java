package org.godshell.toaster.site.output;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.godshell.toaster.site.history.Change;
import org.godshell.toaster.site.history.History;
import org.godshell.toaster.site.page.Page;
import org.godshell.toaster.site.page.PageLoader;

/**
 * What the history says about names no page has now: the former names of renamed pages (each gets a redirect to
 * the page under its present name) and the names of deleted pages (each keeps its history page).
 *
 * <p>Both come from the history alone, which an incremental build carries over exactly, so an incremental build
 * makes the same files as a full one. The walk followed every page's renames back from the head, so a former name
 * always leads to a page that exists now: chains (A to B to C) end at C and a cycle cannot occur. A page created
 * later under a former name takes the name back. Reserved names ({@code Home.md}, {@code _…}, {@code index.md})
 * get no file: the generator's own files live there.
 */
final class FormerNames {

    private FormerNames() {
    }

    /** A former page name (its repository path) and the page now holding the content. */
    record Redirect(String oldPath, Page to) {

        /** The redirect's file, where the page's file was under its old name. */
        String url() {
            return oldPath.substring(0, oldPath.length() - ".md".length()) + ".html";
        }
    }

    /**
     * The redirects, by old path: for each old name, the page whose newest rename left it. {@code taken} holds
     * the site paths other files already use (attachments), which a redirect never replaces.
     */
    static Map<String, Redirect> redirects(History history, Map<String, Page> byPath, Set<String> taken) {
        Map<String, Integer> age = age(history);
        Map<String, Redirect> redirects = new TreeMap<>();
        Map<String, Integer> renamedAt = new HashMap<>();
        history.pages().forEach((headPath, changes) -> {
            Page page = byPath.get(headPath);
            for (Change change : changes) {
                String old = change.oldPath();
                if (page == null || change.kind() != Change.Kind.RENAMED || unusable(old, byPath)) {
                    continue;
                }
                int when = age.getOrDefault(change.commit(), Integer.MAX_VALUE);
                Integer known = renamedAt.get(old);
                // lower is newer; equal ages (one commit renaming two pages from one name) cannot happen
                if (known == null || when < known) {
                    renamedAt.put(old, when);
                    redirects.put(old, new Redirect(old, page));
                }
            }
        });
        redirects.values().removeIf(redirect -> taken.contains(redirect.url()));
        return redirects;
    }

    /**
     * The deleted pages' histories, by their path: every name a commit deleted that no page has now, with its
     * changes newest first, back through its renames to its creation (as the walk does for living pages).
     */
    static Map<String, List<Change>> deleted(History history, Map<String, Page> byPath) {
        Map<String, List<Change>> deleted = new TreeMap<>();
        List<History.Commit> commits = history.commits();
        for (int i = 0; i < commits.size(); i++) {
            for (Change change : commits.get(i).changes()) {
                if (change.kind() == Change.Kind.DELETED && !unusable(change.path(), byPath)
                        && !deleted.containsKey(change.path())) {
                    deleted.put(change.path(), lineage(commits, i, change.path()));
                }
            }
        }
        return deleted;
    }

    /** The changes of the page named {@code path} in commit {@code from}, from there back to its creation. */
    private static List<Change> lineage(List<History.Commit> commits, int from, String path) {
        List<Change> changes = new ArrayList<>();
        String name = path;
        for (History.Commit commit : commits.subList(from, commits.size())) {
            // one change a commit: a commit that swaps two names must not carry the lineage on to the other
            String current = name;
            Change change = commit.changes().stream().filter(c -> c.path().equals(current)).findFirst()
                    .orElse(null);
            if (change == null) {
                continue;
            }
            changes.add(change);
            if (change.kind() == Change.Kind.CREATED) {
                break;
            }
            name = change.oldPath();
        }
        return changes;
    }

    private static boolean unusable(String path, Map<String, Page> byPath) {
        return byPath.containsKey(path) || path.equals("Home.md") || !path.endsWith(".md")
                || PageLoader.reserved(path).isPresent();
    }

    /** Each commit's place in the history, 0 for the newest. */
    private static Map<String, Integer> age(History history) {
        Map<String, Integer> age = new HashMap<>();
        for (int i = 0; i < history.commits().size(); i++) {
            age.putIfAbsent(history.commits().get(i).id(), i);
        }
        return age;
    }
}
