package org.godshell.toaster.site.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.godshell.toaster.site.build.WikiBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 #12: a build that dies with an {@link Error} is reported to the pusher and in the push log, and the
 * next push is built and published as if nothing had happened.
 */
class PublishAfterFailureTest {

    @TempDir
    Path tmp;

    @Test
    void anErrorInOneBuildDoesNotStopTheNext() throws Exception {
        assumeTrue(GitClient.installed(), "the git command-line client is not installed");
        AtomicInteger builds = new AtomicInteger();
        try (WikiFixture wiki = new WikiFixture(tmp, options -> {
            if (builds.incrementAndGet() == 1) {
                throw new StackOverflowError();
            }
            return WikiBuilder.build(options);
        })) {
            Path clone = wiki.cloneFresh("c");
            GitClient.Run first = push(wiki, clone, "First try.");
            assertTrue(first.output().contains("error: wiki: the build of")
                    && first.output().contains("nests too deeply"), first.output());
            assertTrue(Files.readString(wiki.pushLog).contains("build=failed"));
            assertTrue(wiki.get("/Other-Page.html").body().contains("First version."));

            GitClient.Run second = push(wiki, clone, "Second try.");
            assertEquals(0, second.exit(), second.output());
            assertTrue(second.output().contains("wiki: published"), second.output());
            assertTrue(wiki.get("/Other-Page.html").body().contains("Second try."));
        }
    }

    private static GitClient.Run push(WikiFixture wiki, Path clone, String text) throws Exception {
        Files.writeString(clone.resolve("Other-Page.md"), "# Other page\n\n" + text + "\n");
        assertEquals(0, wiki.git(clone, null, null, "commit", "-am", text).exit());
        return wiki.git(clone, WikiFixture.EDITOR, WikiFixture.EDITOR_PASSWORD, "push", "origin", "main");
    }
}
