package org.godshell.toaster.site.onrequest;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Pages rendered on request, least recently used dropped first, bounded by their bytes. A page is keyed by the
 * build it was rendered for and its file: a page shows the titles of the pages as that build named them, so a new
 * build never gets an old build's page. A page over a quarter of the bound is not kept, so that one huge commit
 * does not push out all the others.
 */
final class PageCache {

    /** A rendered page and its ETag's opaque text. */
    record Page(byte[] body, String tag) {
    }

    private record Key(String build, String file) {
    }

    private final long maxBytes;
    private final LinkedHashMap<Key, Page> pages = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    PageCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    synchronized Optional<Page> get(String build, String file) {
        return Optional.ofNullable(pages.get(new Key(build, file)));
    }

    synchronized void put(String build, String file, Page page) {
        if (page.body().length > maxBytes / 4) {
            return;
        }
        Page old = pages.put(new Key(build, file), page);
        bytes += page.body().length - (old == null ? 0 : old.body().length);
        Iterator<Page> eldest = pages.values().iterator();
        while (bytes > maxBytes) {
            bytes -= eldest.next().body().length;
            eldest.remove();
        }
    }

    /** Drops the pages of every build but {@code build}: no request reads them once it is served. */
    synchronized void keepOnly(String build) {
        Iterator<Map.Entry<Key, Page>> entries = pages.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<Key, Page> entry = entries.next();
            if (!entry.getKey().build().equals(build)) {
                bytes -= entry.getValue().body().length;
                entries.remove();
            }
        }
    }

    synchronized int size() {
        return pages.size();
    }

    synchronized long bytes() {
        return bytes;
    }
}
