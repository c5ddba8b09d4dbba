package org.godshell.toaster.site.output;

import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.godshell.toaster.site.history.Change;
import org.godshell.toaster.site.history.History;
import org.godshell.toaster.site.page.Urls;

/**
 * History entries as views. A change links to the page as it is named now (the walk followed renames); a change
 * to a page since deleted shows its old path without a link.
 *
 * <p>The composer's views are remembered for the next build in this process ({@link #remembering}): a view is a
 * function of the change, the depth and the page's title and URL alone, and the wiki server's next build has the
 * same change objects (its history extends the previous one), so it takes the views over, and equal views make
 * {@link KeyMemory}'s comparisons short. Changes are looked up there by identity, never hashed.
 */
final class Changes {

    /** Views of one change, by depth, and the page they link to. */
    private record Made(Views.Link page, Views.ChangeView[] byDepth) {
    }

    private static Map<Change, Made> last = new IdentityHashMap<>();

    /** Control characters (tab and newline too, in commit text), and the two non-characters XML forbids. */
    private static final Pattern UNPRINTABLE = Pattern.compile("[\\x00-\\x1f\\x7f\\uFFFE\\uFFFF]");

    private final Map<Change, Views.Link> pageOf = new HashMap<>();
    private final Map<Change, Made> previous;
    private final Map<Change, Made> made;

    /** {@code pagesNow}: the title and URL of each page of the built tree, by path. */
    Changes(History history, Map<String, Views.Link> pagesNow) {
        this(history, pagesNow, Map.of(), null);
    }

    private Changes(History history, Map<String, Views.Link> pagesNow, Map<Change, Made> previous,
                    Map<Change, Made> made) {
        this.previous = previous;
        this.made = made;
        history.pages().forEach((path, changes) -> {
            Views.Link page = pagesNow.get(path);
            if (page != null) {
                changes.forEach(change -> pageOf.put(change, page));
            }
        });
    }

    /** Changes whose views the previous build in this process made are taken over; one thread uses it. */
    static Changes remembering(History history, Map<String, Views.Link> pagesNow) {
        Map<Change, Made> previous;
        synchronized (Changes.class) {
            previous = last;
        }
        return new Changes(history, pagesNow, previous, new IdentityHashMap<>());
    }

    /** Keeps the views made for the next build in this process; only of a {@link #remembering} one. */
    void remember() {
        synchronized (Changes.class) {
            last = made;
        }
    }

    Views.ChangeView view(Change change, int depth) {
        Views.Link page = pageOf.get(change);
        if (made == null) {
            return view(change, depth, page);
        }
        Made views = made.get(change);
        if (views == null) {
            Made before = previous.get(change);
            // copied: the previous build's arrays are not written
            views = before != null && Objects.equals(before.page(), page)
                    ? new Made(page, Arrays.copyOf(before.byDepth(), Math.max(before.byDepth().length, depth + 1)))
                    : new Made(page, new Views.ChangeView[depth + 1]);
            made.put(change, views);
        } else if (views.byDepth().length <= depth) {
            views = new Made(page, Arrays.copyOf(views.byDepth(), depth + 1));
            made.put(change, views);
        }
        if (views.byDepth()[depth] == null) {
            views.byDepth()[depth] = view(change, depth, page);
        }
        return views.byDepth()[depth];
    }

    private static Views.ChangeView view(Change change, int depth, Views.Link page) {
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
