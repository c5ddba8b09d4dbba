package org.godshell.toaster.site.output;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a build may take over from the previous one. Each file of the site gets a key: the SHA-256 of everything
 * it is made from (the template's name and its whole model, or the file's bytes). A file whose key equals the
 * key the previous build recorded for the same path has the same bytes, so it is not rendered again: the
 * previous build's file is kept. Keys are sound only while templates, assets, settings and the generator are the
 * same; the build index's fingerprint guards that, and a build without a usable index starts from {@link #none}.
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

    /** The key of a template rendering: the template's name and its model, written out in a canonical form. */
    static String key(String template, Views.SiteView site, String name, Object view) {
        StringBuilder text = new StringBuilder(template).append('\u0000').append(site).append('\u0000')
                .append(name).append('\u0000');
        canonical(text, view);
        return "t" + sha256(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The key of a file copied as it is. */
    static String key(byte[] bytes) {
        return "b" + sha256(bytes);
    }

    /**
     * Maps in key order (a {@code Map.of}'s order changes from one JVM to the next), lists element by element,
     * anything else by its {@code toString}: records, strings and numbers, whose text is fixed by their values.
     */
    private static void canonical(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("\u0001null");
            case Map<?, ?> map -> {
                SortedMap<String, Object> sorted = new TreeMap<>();
                map.forEach((key, item) -> sorted.put(String.valueOf(key), item));
                out.append('{');
                sorted.forEach((key, item) -> {
                    out.append(key.length()).append(':').append(key).append('=');
                    canonical(out, item);
                    out.append(';');
                });
                out.append('}');
            }
            case List<?> list -> {
                out.append('[');
                list.forEach(item -> {
                    canonical(out, item);
                    out.append(';');
                });
                out.append(']');
            }
            default -> out.append(value.getClass().getName()).append('(').append(value).append(')');
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
