package org.godshell.toaster.site.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishing and removing builds: the build served and the one before stay whole, older ones and a crash's
 * leftovers go (in the background, awaited here by {@link StaleBuilds#awaitIdle}), and nothing outside the
 * builds directory is touched through a symlink. No test here depends on timing.
 */
class SiteSwapTest {

    @TempDir
    Path temp;

    private final List<IOException> failures = new ArrayList<>();
    private final StaleBuilds cleaner = new StaleBuilds(failures::add);

    private SiteSwap.Swapped publish(SiteSwap swap, int number) throws IOException {
        String text = "build " + number + "\n";
        Map<String, byte[]> files = new TreeMap<>();
        files.put("index.html", text.getBytes(StandardCharsets.UTF_8));
        files.put("folder/page.html", text.getBytes(StandardCharsets.UTF_8));
        SiteSwap.Swapped swapped = swap.publish(files, List.of(), swap.current(),
                () -> ("index " + number).getBytes(StandardCharsets.UTF_8), String.format("%040x", number));
        swap.clean(swapped);
        return swapped;
    }

    private List<String> builds() throws IOException {
        try (Stream<Path> entries = Files.list(temp.resolve("site.builds"))) {
            return entries.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void keepsTheServedBuildAndTheOneBeforeAndRemovesOlderOnes() throws Exception {
        SiteSwap swap = new SiteSwap(temp.resolve("site"), cleaner);
        SiteSwap.Swapped first = publish(swap, 1);
        SiteSwap.Swapped second = publish(swap, 2);
        SiteSwap.Swapped third = publish(swap, 3);
        cleaner.awaitIdle();
        assertFalse(Files.exists(first.fresh()), "the build before last is removed");
        assertFalse(Files.exists(SiteSwap.indexOf(first.fresh())), "and its index");
        assertTrue(Files.isDirectory(second.fresh()), "the previous build stays for readers still in it");
        assertEquals(third.fresh(), swap.current().orElseThrow());
        assertEquals(4, builds().size(), "two builds and their indexes: " + builds());
        assertTrue(failures.isEmpty(), failures::toString);
    }

    @Test
    void aReaderInABuildReadsItWholeUntilTwoMoreSwaps() throws Exception {
        SiteSwap swap = new SiteSwap(temp.resolve("site"), cleaner);
        publish(swap, 1);
        // a reader resolves the symlink once, as StaticSite does per request
        Path resolved = temp.resolve("site").toRealPath();
        publish(swap, 2);
        cleaner.awaitIdle();
        assertEquals("build 1\n", Files.readString(resolved.resolve("index.html")));
        assertEquals("build 1\n", Files.readString(resolved.resolve("folder/page.html")));
        publish(swap, 3);
        cleaner.awaitIdle();
        assertFalse(Files.exists(resolved), "two swaps later nothing is served from it");
    }

    @Test
    void aConcurrentReaderNeverSeesTwoBuildsInOneAnswer() throws Exception {
        SiteSwap swap = new SiteSwap(temp.resolve("site"), cleaner);
        publish(swap, 0);
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<String> mixed = new AtomicReference<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            while (!done.get() && mixed.get() == null) {
                try {
                    Path build = temp.resolve("site").toRealPath();
                    String index = Files.readString(build.resolve("index.html"));
                    String page = Files.readString(build.resolve("folder/page.html"));
                    if (!index.equals(page)) {
                        mixed.set(index + " / " + page);
                    }
                } catch (IOException e) {
                    // two swaps happened between resolving and reading: a request that slow may get a 404
                }
            }
        });
        for (int number = 1; number <= 30; number++) {
            publish(swap, number);
        }
        done.set(true);
        reader.join();
        assertEquals(null, mixed.get());
    }

    @Test
    void removesWhatACrashLeftAtTheNextBuild() throws Exception {
        Path builds = Files.createDirectories(temp.resolve("site.builds"));
        Path crashed = Files.createDirectories(builds.resolve("000007-0123456789ab-123/deep/er"));
        Files.writeString(crashed.resolve("half.html"), "half written");
        Files.writeString(builds.resolve("000006-0123456789ab-456.index"), "index of a build long gone");
        SiteSwap swap = new SiteSwap(temp.resolve("site"), cleaner);
        SiteSwap.Swapped swapped = publish(swap, 8);
        cleaner.awaitIdle();
        assertEquals(List.of(swapped.fresh().getFileName().toString(),
                SiteSwap.indexOf(swapped.fresh()).getFileName().toString()), builds());
        assertTrue(swapped.fresh().getFileName().toString().startsWith("000008-"),
                "numbering goes on after the leftover: " + swapped.fresh());
    }

    @Test
    void neverFollowsASymlinkNamedLikeABuildNorOneInsideABuild() throws Exception {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("precious.txt"), "keep me");
        Path builds = Files.createDirectories(temp.resolve("site.builds"));
        Files.createSymbolicLink(builds.resolve("000001-0123456789ab-abc"), outside);
        Files.createSymbolicLink(builds.resolve("000002-0123456789ab-abc.index"), outside.resolve("precious.txt"));
        Path stale = Files.createDirectories(builds.resolve("000003-0123456789ab-def"));
        Files.createSymbolicLink(stale.resolve("link-to-outside"), outside);
        Files.createSymbolicLink(stale.resolve("link-to-file"), outside.resolve("precious.txt"));
        SiteSwap swap = new SiteSwap(temp.resolve("site"), cleaner);
        publish(swap, 4);
        cleaner.awaitIdle();
        assertEquals("keep me", Files.readString(outside.resolve("precious.txt")));
        assertFalse(Files.exists(stale), "the stale build is removed, its links unlinked");
        assertTrue(Files.isSymbolicLink(builds.resolve("000001-0123456789ab-abc")), "a symlink is left alone");
        assertTrue(failures.isEmpty(), failures::toString);
    }

    @Test
    void deleteTreeUnlinksASymlinkRootAndSkipsWhatIsGone() throws Exception {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("precious.txt"), "keep me");
        Path link = Files.createSymbolicLink(temp.resolve("swapped-for-a-link"), outside);
        StaleBuilds.deleteTree(link);
        assertFalse(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals("keep me", Files.readString(outside.resolve("precious.txt")));
        StaleBuilds.deleteTree(temp.resolve("never-was"));
        StaleBuilds.deleteTree(temp.resolve("never-was/nor-this"));
    }

    @Test
    void manyStaleBuildsAtOnceAreAllRemovedThroughTheBoundedQueue() throws Exception {
        Path builds = Files.createDirectories(temp.resolve("site.builds"));
        for (int i = 1; i <= 3 * StaleBuilds.MAX_WAITING; i++) {
            Path dir = Files.createDirectories(builds.resolve(String.format("%06d-0123456789ab-x%d", i, i)));
            Files.writeString(dir.resolve("index.html"), "old " + i);
        }
        SiteSwap swap = new SiteSwap(temp.resolve("site"), cleaner);
        SiteSwap.Swapped swapped = publish(swap, 99);
        cleaner.awaitIdle();
        assertEquals(2, builds().size(), builds()::toString);
        assertEquals(Optional.of(swapped.fresh()), swap.current());
    }
}
