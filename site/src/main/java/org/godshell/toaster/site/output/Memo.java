package org.godshell.toaster.site.output;

import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.godshell.toaster.site.key.KeyWriter;

/**
 * What a build may take over from the previous one. Each file of the site gets a key: the SHA-256 of everything
 * it is made from (the template's name and its whole model, every field written by a {@link KeyWriter}, or the
 * file's bytes). A file whose key equals the key the previous build recorded for the same path has the same
 * bytes, so it is not rendered again: the previous build's file is kept. Keys are sound only while templates,
 * assets, settings and the generator are the same; the build index's fingerprint guards that, and a build
 * without a usable index starts from {@link #none}.
 */
public final class Memo {

    private final Map<String, String> previous;
    private final SortedMap<String, String> keys = new TreeMap<>();
    private final SortedSet<String> kept = new TreeSet<>();

    /** Previous keys by site path. */
    public Memo(Map<String, String> previous) {
        this.previous = Map.copyOf(previous);
    }

    /** A memo that keeps nothing: a full build. */
    public static Memo none() {
        return new Memo(Map.of());
    }

    /** Records the key of {@code path}; true when the previous build made the same file, which is then kept. */
    boolean keep(String path, String key) {
        keys.put(path, key);
        if (key.equals(previous.get(path))) {
            kept.add(path);
            return true;
        }
        kept.remove(path);
        return false;
    }

    /** This build's key of every file of the site. */
    public SortedMap<String, String> keys() {
        return keys;
    }

    /** The files to take over from the previous build. */
    public SortedSet<String> kept() {
        return kept;
    }

    /**
     * The key of a template rendering: the template's name, the site values and the model, each field written
     * out by a {@link KeyWriter}, which refuses a type it cannot write whole.
     */
    static String key(String template, Views.SiteView site, String name, Object view) {
        return "t" + new KeyWriter().string(template).value(site).string(name).value(view).sha256();
    }

    /** The key of a file copied as it is. */
    static String key(byte[] bytes) {
        return "b" + KeyWriter.sha256(bytes);
    }
}
