package org.godshell.toaster.backup;

/**
 * How much an archive may claim before it is refused as hostile or broken, checked before the claim costs memory
 * or disk: a manifest is held in memory while an archive is read.
 *
 * @param maxEntries       files, directories and links in a manifest (and members in an archive)
 * @param maxManifestBytes the manifest member's size
 */
public record Limits(int maxEntries, long maxManifestBytes) {

    /** Room for about five million messages: far more than a toaster holds, far less than exhausts a JVM. */
    public static final Limits DEFAULT = new Limits(5_000_000, 1L << 30);

    public Limits {
        if (maxEntries < 1 || maxManifestBytes < 1 || maxManifestBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("bad limits");
        }
    }
}
