package org.godshell.toaster.site.build;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.godshell.toaster.site.page.Page;
import org.godshell.toaster.site.page.PageLoader;
import org.godshell.toaster.site.source.SourceFile;
import org.godshell.toaster.site.source.Warning;

/**
 * The pages the previous build in this process loaded, with the warnings loading them gave. Loading a page
 * ({@link PageLoader#load}: decoding, front matter) is a function of its path and its bytes alone, and a blob id
 * names its bytes, so the wiki server's next build takes over every page whose path and blob are the same; the
 * same page objects also make later comparisons (kept renderings, memo keys) short.
 *
 * <p>A page over the size limit has no bytes: whether it had them is part of what is compared, so a build with
 * other limits loads it again. Only the newest build's pages are kept; a build replaces them whole when done.
 */
final class PageMemory {

    private record Loaded(String blob, boolean read, Page page, List<Warning> warnings) {
    }

    private static Map<String, Loaded> last = Map.of();

    private final Map<String, Loaded> previous;
    private final Map<String, Loaded> loaded = new HashMap<>();

    PageMemory() {
        synchronized (PageMemory.class) {
            previous = last;
        }
    }

    /** The page of {@code file}, its warnings added to {@code warnings}. */
    Page load(SourceFile file, List<Warning> warnings) {
        String blob = file.blob().name();
        boolean read = file.content().isPresent();
        Loaded before = previous.get(file.path());
        Loaded page = before != null && before.blob().equals(blob) && before.read() == read ? before
                : loadNow(file, blob, read);
        loaded.put(file.path(), page);
        warnings.addAll(page.warnings());
        return page.page();
    }

    private static Loaded loadNow(SourceFile file, String blob, boolean read) {
        List<Warning> warnings = new ArrayList<>();
        Page page = PageLoader.load(file, warnings);
        return new Loaded(blob, read, page, List.copyOf(warnings));
    }

    /** This build's pages become the ones the next build starts from. */
    void remember() {
        synchronized (PageMemory.class) {
            last = loaded;
        }
    }
}
