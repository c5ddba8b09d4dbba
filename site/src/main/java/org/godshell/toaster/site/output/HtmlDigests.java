package org.godshell.toaster.site.output;

import java.util.IdentityHashMap;
import java.util.Map;
import org.godshell.toaster.site.key.KeyWriter;

/**
 * The SHA-256 of each page's HTML, for its file's memo key: a page's key holds the digest of its HTML instead of
 * the HTML itself (equal digests, equal HTML), and the digest of an HTML string the previous build in this
 * process already hashed (the very same string object, a rendering taken over unchanged) is taken over, so a
 * one-page change hashes one page's HTML, not the whole wiki's.
 *
 * <p>Looked up by identity, never by equality; only the newest build's digests are kept. One composer uses one
 * instance, on one thread; {@link #finish} hands its digests to the next build.
 */
final class HtmlDigests {

    private static Map<String, String> last = new IdentityHashMap<>();

    private final Map<String, String> previous;
    private final Map<String, String> next = new IdentityHashMap<>();

    private HtmlDigests(Map<String, String> previous) {
        this.previous = previous;
    }

    static synchronized HtmlDigests start() {
        return new HtmlDigests(last);
    }

    /** The digest of {@code html}, in hex. */
    String of(String html) {
        String digest = previous.get(html);
        if (digest == null) {
            digest = new KeyWriter().string(html).sha256();
        }
        next.put(html, digest);
        return digest;
    }

    void finish() {
        synchronized (HtmlDigests.class) {
            last = next;
        }
    }
}
