package org.godshell.toaster.installer.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.installer.settings.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The step runs the installed {@code bin/toaster wiki init} whenever the wiki has not followed the installed
 * version's documentation; here a script stands in for the program, as {@code wiki init} records what it followed.
 */
class WikiStepTest {

    /** Counts its runs, makes main, records the installed VERSION as followed, and says two lines. */
    private static final String WIKI_INIT = """
            cd "$(dirname "$0")/.."
            echo "$@" >> runs
            mkdir -p wiki/wiki.git/refs/heads
            echo 0123456789012345678901234567890123456789 > wiki/wiki.git/refs/heads/main
            head -1 VERSION > wiki/docs-version
            echo "wiki docs: NOT merged: the documentation for $(head -1 VERSION) changes 1 page(s)"
            echo "  Home.md: changed in the wiki and in $(head -1 VERSION)"
            """;

    private static StepContext context(Path root, String script, StringWriter out) throws Exception {
        StepContext context = Contexts.of(root, Mode.UNPRIVILEGED, Optional.empty(), out);
        Path bin = Files.createDirectories(root.resolve("bin"));
        Files.writeString(bin.resolve("toaster"), "#!/bin/sh\n" + script);
        Files.setPosixFilePermissions(bin.resolve("toaster"), PosixFilePermissions.fromString("rwx------"));
        return context;
    }

    private static long runs(Path root) throws Exception {
        return Files.exists(root.resolve("runs")) ? Files.readAllLines(root.resolve("runs")).size() : 0;
    }

    @Test
    void runsOnANewInstallAndAfterEachUpgradeButNotOnARerun(@TempDir Path root) throws Exception {
        StringWriter out = new StringWriter();
        StepContext context = context(root, WIKI_INIT, out);
        WikiStep step = new WikiStep(context);
        Files.writeString(root.resolve("VERSION"), "0.1.0\n");
        assertFalse(step.isDone(), "no repository yet");
        step.apply();
        assertTrue(step.isDone());
        assertEquals(1, runs(root));
        assertEquals("wiki init --no-build", Files.readString(root.resolve("runs")).strip(), "the wiki's start builds");
        assertTrue(out.toString().contains("         wiki docs: NOT merged"), out.toString());
        assertTrue(out.toString().contains("           Home.md: changed in the wiki and in 0.1.0"),
                "the page lines keep their indentation: " + out);

        assertEquals(List.of(), context.changes().toRestart(), "a new wiki starts with the others");
        step.apply();
        assertEquals(1, runs(root), "a rerun of the same version leaves the wiki alone");

        Files.writeString(root.resolve("VERSION"), "0.2.0\n");
        assertFalse(step.isDone(), "an upgrade (or one interrupted before this step) follows the new version");
        step.apply();
        assertEquals(2, runs(root));
        assertTrue(step.isDone());
        assertEquals(List.of("wiki"), context.changes().toRestart(), "its start publishes the merge");
    }

    @Test
    void aWikiMadeBeforeTheVersionWasRecordedFollowsOnce(@TempDir Path root) throws Exception {
        WikiStep step = new WikiStep(context(root, WIKI_INIT, new StringWriter()));
        Files.writeString(root.resolve("VERSION"), "0.2.0\n");
        Files.createDirectories(root.resolve("wiki/wiki.git/refs/heads"));
        Files.writeString(root.resolve("wiki/wiki.git/refs/heads/main"), "0123456789012345678901234567890123456789\n");
        assertFalse(step.isDone(), "main exists, but nothing says which version's documentation it followed");
        step.apply();
        assertTrue(step.isDone());
    }

    @Test
    void aFailingInitFailsTheStepWithItsWords(@TempDir Path root) throws Exception {
        WikiStep step = new WikiStep(context(root,
                "echo 'toaster wiki init: con.md: reserved device name' >&2\nexit 1\n", new StringWriter()));
        Files.writeString(root.resolve("VERSION"), "0.2.0\n");
        StepException e = assertThrows(StepException.class, step::apply);
        assertTrue(e.getMessage().contains("con.md: reserved device name"), e.getMessage());
        assertFalse(step.isDone());
    }

    @Test
    void aHostileVersionFileIsNoVersion(@TempDir Path root) throws Exception {
        WikiStep step = new WikiStep(context(root, WIKI_INIT, new StringWriter()));
        Files.writeString(root.resolve("VERSION"), "\u001b[2J; rm -rf /\n");
        step.apply();
        assertFalse(step.isDone(), "never taken as followed, so never skipped");
    }
}
