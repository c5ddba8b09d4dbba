package org.godshell.toaster.site.output;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.godshell.toaster.site.history.Change;
import org.godshell.toaster.site.history.History;
import org.godshell.toaster.site.page.Urls;

/**
 * History entries as views. A change links to the page as it is named now (the walk followed renames); a change
 * to a page since deleted shows its old path without a link.
 */
final class Changes {

    /** Control characters (tab and newline too, in commit text), and the two non-characters XML forbids. */
    private static final Pattern UNPRINTABLE = Pattern.compile("[\\x00-\\x1f\\x7f\\uFFFE\\uFFFF]");

    private final Map<Change, Views.Link> pageOf = new HashMap<>();

    /** {@code pagesNow}: the title and URL of each page of the built tree, by path. */
    Changes(History history, Map<String, Views.Link> pagesNow) {
        history.pages().forEach((path, changes) -> {
            Views.Link page = pagesNow.get(path);
            if (page != null) {
                changes.forEach(change -> pageOf.put(change, page));
            }
        });
    }

    Views.ChangeView view(Change change, int depth) {
        Views.Link page = pageOf.get(change);
        String kind = switch (change.kind()) {
            case CREATED -> "created";
            case EDITED -> "edited";
            case RENAMED -> "renamed from " + change.oldPath();
            case DELETED -> "deleted";
        };
        return new Views.ChangeView(printable(change.author()), Dates.shown(change.time()), Dates.iso(change.time()),
                change.commit(), change.shortCommit(), Urls.root(depth) + CommitPage.url(change.commit()),
                printable(change.subject()), kind,
                page != null ? page.title() : change.path(),
                page != null ? Urls.root(depth) + Urls.encodePath(page.url()) : null, change.path());
    }

    /**
     * What a commit's view takes from the pages as they are now: the title and file of each page it changed,
     * empty for a page since deleted. With the commit's id, everything the view shows, and far cheaper to key a
     * page by than the view itself.
     */
    List<Optional<Views.Link>> pagesNow(History.Commit commit) {
        return commit.changes().stream().map(change -> Optional.ofNullable(pageOf.get(change))).toList();
    }

    Views.CommitView view(History.Commit commit, int depth) {
        List<Views.ChangeView> changes = commit.changes().stream().map(change -> view(change, depth)).toList();
        return new Views.CommitView(printable(commit.author()), Dates.shown(commit.time()),
                Dates.iso(commit.time()), commit.id(), commit.id().substring(0, 12),
                Urls.root(depth) + CommitPage.url(commit.id()), printable(commit.subject()), changes);
    }

    /** Commit text with control characters as U+FFFD: XML 1.0 (the feed) forbids most of them. */
    static String printable(String text) {
        // most text has nothing to replace: finding that costs a fraction of a replaceAll
        Matcher matcher = UNPRINTABLE.matcher(text);
        return matcher.find() ? matcher.replaceAll("\uFFFD") : text;
    }

}
