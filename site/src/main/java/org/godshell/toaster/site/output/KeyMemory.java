package org.godshell.toaster.site.output;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The memo keys the previous build in this process made, each with what it was made from, so that the wiki
 * server's next build takes a key over instead of hashing the same inputs again (a thousand pages and their
 * history pages: the largest part of a one-page rebuild's composing).
 *
 * <p>A key is a function of its inputs alone ({@link Memo#key}), so a key is taken over only when the inputs are
 * equal: a rendering's template, site values, name and key view by {@code equals}, a copied file's bytes by
 * {@link Arrays#equals}. That is sound because every value a key view holds is a record (whose {@code equals}
 * compares every field the key writes: FingerprintedTest checks that none overrides it), a string, a number, a
 * boolean, an enum or an immutable collection or map of them; a value of another type compares by identity, and
 * a new one is then hashed. Inputs are never changed once keyed.
 *
 * <p>Only the newest build's keys are kept: one site's files at most. A build reads the map it started from and
 * fills its own, which replaces it when the build is done; two builds at once each get correct keys.
 */
final class KeyMemory {

    /** What a key was made from: a template rendering's inputs, or a copied file's bytes. */
    private sealed interface Inputs {
    }

    private record Rendering(String template, Views.SiteView site, String name, Object keyView) implements Inputs {
    }

    private record Copy(byte[] bytes) implements Inputs {
    }

    private record Made(Inputs inputs, String key) {
    }

    private static Map<String, Made> last = Map.of();

    private final Map<String, Made> previous = last();
    private final Map<String, Made> made = new HashMap<>();

    private static synchronized Map<String, Made> last() {
        return last;
    }

    /** The key of a template rendering into {@code path}: the previous build's when the inputs are equal. */
    String key(String path, String template, Views.SiteView site, String name, Object keyView) {
        Rendering inputs = new Rendering(template, site, name, keyView);
        Made before = previous.get(path);
        String key = before != null && inputs.equals(before.inputs()) ? before.key()
                : Memo.key(template, site, name, keyView);
        made.put(path, new Made(inputs, key));
        return key;
    }

    /** The key of a file copied into {@code path}: the previous build's when the bytes are the same. */
    String key(String path, byte[] bytes) {
        Made before = previous.get(path);
        String key = before != null && before.inputs() instanceof Copy(byte[] old) && Arrays.equals(old, bytes)
                ? before.key() : Memo.key(bytes);
        made.put(path, new Made(new Copy(bytes), key));
        return key;
    }

    /** Keeps this build's keys for the next build in this process. */
    void remember() {
        synchronized (KeyMemory.class) {
            last = made;
        }
    }
}
