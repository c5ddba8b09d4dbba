package org.godshell.toaster.site.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.godshell.toaster.site.build.WikiBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 #13: a small push that unpacks to far more than it weighs (files of zeros), and pushes that would grow
 * the repository past its limit, are refused before the branch moves, and leave no objects behind.
 */
class PushSizeTest {

    @TempDir
    Path tmp;

    @Test
    void pushOfZerosOverTheUnpackedLimitIsRefused() throws Exception {
        assumeTrue(GitClient.installed(), "the git command-line client is not installed");
        try (WikiFixture wiki = new WikiFixture(tmp)) {
            Path clone = wiki.cloneFresh("zeros");
            // each file under the file limit, each different (equal files would be one object), all of them
            // compressing to a few kilobytes: far under the pack limit, twice the unpacked one
            int files = (int) (2 * WikiFixture.LIMITS.maxUnpackedBytes() / WikiFixture.LIMITS.maxFileBytes()) + 1;
            for (int i = 0; i < files; i++) {
                byte[] zeros = new byte[(int) WikiFixture.LIMITS.maxFileBytes() - 64];
                byte[] name = ("file " + i + "\n").getBytes(StandardCharsets.UTF_8);
                System.arraycopy(name, 0, zeros, 0, name.length);
                Files.write(clone.resolve("zeros" + i + ".bin"), zeros);
            }
            GitClient.Run run = commitAndPush(wiki, clone);
            assertNotEquals(0, run.exit(), run.output());
            assertTrue(run.output().contains("the push unpacks to more than " + WikiFixture.LIMITS.maxUnpackedBytes()
                    + " bytes"), run.output());
        }
    }

    @Test
    void pushThatWouldGrowTheRepositoryPastItsLimitIsRefused() throws Exception {
        assumeTrue(GitClient.installed(), "the git command-line client is not installed");
        PushLimits small = new PushLimits(64 * 1024, 256 * 1024, 32, 1024, 1 << 20, 400 * 1024);
        try (WikiFixture wiki = new WikiFixture(tmp, WikiBuilder::build, small)) {
            Path clone = wiki.cloneFresh("grow");
            addRandom(clone, "a", 4, 1);
            GitClient.Run first = commitAndPush(wiki, clone);
            assertEquals(0, first.exit(), "the first 200 KB fit under 400 KB: " + first.output());
            ObjectId before = wiki.main();
            Set<String> packs = wiki.packFiles();
            addRandom(clone, "b", 4, 2);
            GitClient.Run second = commitAndPush(wiki, clone);
            assertNotEquals(0, second.exit(), second.output());
            assertTrue(second.output().contains("over its limit of " + small.maxRepositoryBytes()), second.output());
            assertEquals(before, wiki.main());
            assertEquals(packs, wiki.packFiles(), "a refused push left objects behind");
        }
    }

    /** Files of incompressible bytes, 50 KB each. */
    private static void addRandom(Path clone, String prefix, int count, long seed) throws Exception {
        Random random = new Random(seed);
        for (int i = 0; i < count; i++) {
            byte[] bytes = new byte[50 * 1024];
            random.nextBytes(bytes);
            Files.write(clone.resolve(prefix + i + ".bin"), bytes);
        }
    }

    private static GitClient.Run commitAndPush(WikiFixture wiki, Path clone) throws Exception {
        assertEquals(0, wiki.git(clone, null, null, "add", "-A").exit());
        assertEquals(0, wiki.git(clone, null, null, "commit", "-m", "files").exit());
        return wiki.git(clone, WikiFixture.EDITOR, WikiFixture.EDITOR_PASSWORD, "push", "origin", "main");
    }
}
