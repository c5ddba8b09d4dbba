package org.godshell.toaster.site.output;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.godshell.toaster.site.key.KeyWriter;
import org.godshell.toaster.site.page.Page;
import org.godshell.toaster.site.page.Titles;
import org.godshell.toaster.site.page.Urls;

/**
 * The folder tree of the wiki: each folder's pages and subfolders, ranked by front-matter {@code order} and then
 * title, a folder's pages grouped by front-matter {@code section} ({@link Sections}). A folder ranks by the order
 * of its {@code Home.md}, if it has one. Each page's navigation shows the tree with only the folders on its own
 * path and its own section opened, and at most {@link #MAX_ENTRIES} pages a level, so a page does not carry the
 * whole wiki's contents.
 */
final class Folders {

    static final int MAX_ENTRIES = 100;

    /** A folder: its path ("" for the top), pages and subfolders, each list ranked. */
    record Folder(String path, String title, int order, List<Page> pages, List<Folder> folders) {
        String url() {
            return path.isEmpty() ? "_contents.html" : path + "/index.html";
        }
    }

    private final Folder top;
    private String fingerprint;
    private final Map<String, Folder> byPath = new TreeMap<>();

    Folders(List<Page> pages) {
        Map<String, List<Page>> pagesIn = new TreeMap<>();
        Map<String, List<String>> childrenOf = new TreeMap<>();
        pagesIn.put("", new ArrayList<>());
        for (Page page : pages) {
            String folder = page.folder();
            pagesIn.computeIfAbsent(folder, key -> new ArrayList<>()).add(page);
            while (!folder.isEmpty()) {
                String parent = folder.contains("/") ? folder.substring(0, folder.lastIndexOf('/')) : "";
                List<String> siblings = childrenOf.computeIfAbsent(parent, key -> new ArrayList<>());
                if (!siblings.contains(folder)) {
                    siblings.add(folder);
                }
                pagesIn.computeIfAbsent(folder, key -> new ArrayList<>());
                folder = parent;
            }
        }
        top = build("", pagesIn, childrenOf);
    }

    private Folder build(String path, Map<String, List<Page>> pagesIn, Map<String, List<String>> childrenOf) {
        List<Page> pages = new ArrayList<>(pagesIn.getOrDefault(path, List.of()));
        pages.sort(Comparator.comparingInt(Page::sortOrder).thenComparing(page -> Titles.key(page.title()))
                .thenComparing(Page::path));
        List<Folder> folders = new ArrayList<>();
        for (String child : childrenOf.getOrDefault(path, List.of())) {
            folders.add(build(child, pagesIn, childrenOf));
        }
        folders.sort(Comparator.comparingInt(Folder::order).thenComparing(folder -> Titles.key(folder.title()))
                .thenComparing(Folder::path));
        int order = pages.stream().filter(page -> page.stem().equals("Home")).findFirst().map(Page::sortOrder)
                .orElse(Integer.MAX_VALUE);
        String name = path.substring(path.lastIndexOf('/') + 1);
        Folder folder = new Folder(path, path.isEmpty() ? "Contents" : Titles.fromFileName(name), order,
                List.copyOf(pages), List.copyOf(folders));
        byPath.put(path, folder);
        return folder;
    }

    Folder top() {
        return top;
    }

    /**
     * Stands for the whole tree in a memo key: {@link #nav} is a function of the tree and its arguments, so a
     * page's navigation is keyed by this and the arguments instead of by the entries (a thousand-page wiki's
     * navigation, written out for each of its pages, is most of an incremental build's keying).
     */
    String fingerprint() {
        if (fingerprint == null) {
            KeyWriter key = new KeyWriter();
            describe(top, key);
            fingerprint = key.sha256();
        }
        return fingerprint;
    }

    /** What {@link #nav} shows of a folder: its path and title, its pages' files and titles, its subfolders. */
    private static void describe(Folder folder, KeyWriter key) {
        key.string(folder.path()).string(folder.title()).number(folder.pages().size());
        for (Page page : folder.pages()) {
            key.string(page.url()).string(page.title()).string(page.section().orElse(null))
                    .number(page.sortOrder());
        }
        key.number(folder.folders().size());
        for (Folder sub : folder.folders()) {
            describe(sub, key);
        }
    }

    Map<String, Folder> all() {
        return byPath;
    }

    /** The navigation tree as seen from a file at {@code depth} whose folder path is {@code openPath}. */
    List<Views.Nav> nav(Folder folder, String openPath, String currentUrl, int depth, boolean fullTree) {
        String root = Urls.root(depth);
        List<Views.Nav> entries = new ArrayList<>();
        int listed = 0;
        for (Sections.Item item : Sections.of(folder.pages())) {
            List<Page> pages = switch (item) {
                case Sections.Single single -> List.of(single.page());
                case Sections.Group group -> group.pages();
            };
            List<Views.Nav> shown = new ArrayList<>();
            for (Page page : pages.subList(0, Math.min(pages.size(), MAX_ENTRIES - listed))) {
                shown.add(new Views.Nav(page.title(), root + Urls.encodePath(page.url()), false,
                        page.url().equals(currentUrl), List.of()));
            }
            listed += shown.size();
            if (!shown.isEmpty()) {
                entries.add(item instanceof Sections.Group group
                        ? Views.Nav.section(group.name(), fullTree || shown.stream().anyMatch(Views.Nav::current),
                                shown)
                        : shown.getFirst());
            }
            if (listed == MAX_ENTRIES && folder.pages().size() > MAX_ENTRIES) {
                entries.add(new Views.Nav("All " + folder.pages().size() + " pages…",
                        root + Urls.encodePath(folder.url()), false, false, List.of()));
                break;
            }
        }
        for (Folder sub : folder.folders()) {
            boolean open = fullTree || openPath.equals(sub.path()) || openPath.startsWith(sub.path() + "/");
            entries.add(new Views.Nav(sub.title(), root + Urls.encodePath(sub.url()), true,
                    sub.url().equals(currentUrl), open ? nav(sub, openPath, currentUrl, depth, fullTree)
                    : List.of()));
        }
        return entries;
    }
}
