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
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real git client against the running server: clone, push, and every refusal with its reason. */
class GitPushTest {

    @TempDir
    Path tmp;
    WikiFixture wiki;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(GitClient.installed(), "the git command-line client is not installed");
        wiki = new WikiFixture(tmp);
    }

    @AfterEach
    void stop() throws Exception {
        if (wiki != null) {
            wiki.close();
        }
    }

    @Test
    void anonymousCloneThenEditorPushIsVisibleAtOnce() throws Exception {
        Path clone = wiki.cloneFresh("c1");
        assertTrue(Files.readString(clone.resolve("Other-Page.md")).contains("First version"));
        Files.writeString(clone.resolve("Other-Page.md"), "# Other page\n\nSecond version, pushed.\n");
        assertEquals(0, wiki.git(clone, null, null, "commit", "-am", "second version").exit());
        GitClient.Run push = wiki.git(clone, WikiFixture.EDITOR, WikiFixture.EDITOR_PASSWORD, "push", "origin",
                "main");
        assertEquals(0, push.exit(), push.output());
        assertTrue(push.output().contains("wiki: published"), push.output());
        var page = wiki.get("/Other-Page.html");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Second version, pushed."), page.body());
        String log = Files.readString(wiki.pushLog);
        assertTrue(log.contains("account=" + WikiFixture.EDITOR) && log.contains("result=OK")
                && log.contains("build=ok"), log);
        assertEquals("rw-r-----", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(wiki.pushLog)));
    }

    @Test
    void anonymousPushIsRefused() throws Exception {
        Path clone = edited("anon");
        ObjectId before = wiki.main();
        GitClient.Run push = wiki.git(clone, null, null, "push", "origin", "main");
        assertNotEquals(0, push.exit(), push.output());
        assertEquals(before, wiki.main());
    }

    @Test
    void nonEditorIsRefusedWithTheReason() throws Exception {
        Path clone = edited("bob");
        ObjectId before = wiki.main();
        GitClient.Run push = wiki.git(clone, WikiFixture.USER, WikiFixture.USER_PASSWORD, "push", "origin",
                "main");
        assertNotEquals(0, push.exit(), push.output());
        assertTrue(push.output().contains("403") || push.output().contains("not a wiki editor"), push.output());
        assertEquals(before, wiki.main());
    }

    @Test
    void wrongPasswordIsRefused() throws Exception {
        Path clone = edited("wrong");
        ObjectId before = wiki.main();
        GitClient.Run push = wiki.git(clone, WikiFixture.EDITOR, "not the password", "push", "origin", "main");
        assertNotEquals(0, push.exit(), push.output());
        assertTrue(push.output().contains("Authentication failed"), push.output());
        assertEquals(before, wiki.main());
    }

    @Test
    void otherBranchesAreRefused() throws Exception {
        Path clone = edited("branch");
        refused(clone, "only the main branch is accepted", "push", "origin", "main:refs/heads/feature");
        assertTrue(wiki.repository.exactRef("refs/heads/feature") == null);
    }

    @Test
    void symlinkIsRefused() throws Exception {
        rule(new RawCommit.Entry("passwd".getBytes(StandardCharsets.UTF_8), FileMode.SYMLINK,
                "/etc/passwd".getBytes(StandardCharsets.UTF_8)), "symlinks are not accepted");
    }

    @Test
    void submoduleIsRefused() throws Exception {
        rule(new RawCommit.Entry("sub".getBytes(StandardCharsets.UTF_8), FileMode.GITLINK,
                ObjectId.fromString("0123456789abcdef0123456789abcdef01234567").name().length() == 40
                        ? hex("0123456789abcdef0123456789abcdef01234567") : null), "submodules are not accepted");
    }

    @Test
    void dotDotInANameIsRefused() throws Exception {
        rule(RawCommit.Entry.file("a..b.md", "# x\n".getBytes(StandardCharsets.UTF_8)), "name holds '..'");
    }

    @Test
    void controlCharacterInANameIsRefused() throws Exception {
        rule(RawCommit.Entry.file("bell\u0007.md", "# x\n".getBytes(StandardCharsets.UTF_8)),
                "control character");
    }

    @Test
    void invalidUtf8NameIsRefused() throws Exception {
        rule(new RawCommit.Entry(new byte[] {'c', 'a', 'f', (byte) 0xe9, '.', 'm', 'd'}, FileMode.REGULAR_FILE,
                "# x\n".getBytes(StandardCharsets.UTF_8)), "name is not valid UTF-8");
    }

    @Test
    void reservedNameIsRefused() throws Exception {
        rule(RawCommit.Entry.file("con.md", "# x\n".getBytes(StandardCharsets.UTF_8)), "reserved device name");
    }

    @Test
    void pageThatIsNotUtf8IsRefused() throws Exception {
        rule(RawCommit.Entry.file("Latin1.md", new byte[] {'#', ' ', 'c', 'a', 'f', (byte) 0xe9, '\n'}),
                "must be UTF-8 text");
    }

    @Test
    void fileOverTheLimitIsRefused() throws Exception {
        rule(RawCommit.Entry.file("big.png", random(WikiFixture.LIMITS.maxFileBytes() + 1, 1)), "too large");
    }

    @Test
    void pushOverTheTotalLimitIsRefused() throws Exception {
        int files = (int) (WikiFixture.LIMITS.maxPushBytes() / WikiFixture.LIMITS.maxFileBytes()) + 2;
        RawCommit.Entry[] entries = new RawCommit.Entry[files];
        for (int i = 0; i < files; i++) {
            entries[i] = RawCommit.Entry.file("part" + i + ".png", random(WikiFixture.LIMITS.maxFileBytes() - 1024,
                    i + 7));
        }
        rule("Pack exceeds the limit", entries);
    }

    @Test
    void treeNestedTooDeepIsRefused() throws Exception {
        // issue 18 #12: 1,900 folders deep was accepted and overflowed the build's stack
        Path clone = wiki.cloneFresh("deep");
        RawCommit.onMain(clone, RawCommit.Entry.nested(clone, "d", 1_900));
        refused(clone, "folders nest deeper than 32 levels", "push", "origin", "main");
    }

    @Test
    void pathTooLongIsRefused() throws Exception {
        Path clone = wiki.cloneFresh("long");
        RawCommit.onMain(clone, RawCommit.Entry.nested(clone, "n".repeat(200), 6));
        refused(clone, "a path is longer than 1024 bytes", "push", "origin", "main");
    }

    @Test
    void forcePushIsRefused() throws Exception {
        Path clone = wiki.cloneFresh("force");
        assertEquals(0, wiki.git(clone, null, null, "commit", "--amend", "-m", "rewritten history").exit());
        refused(clone, "non-fast", "push", "--force", "origin", "main");
    }

    @Test
    void deletingMainIsRefused() throws Exception {
        Path clone = wiki.cloneFresh("delete");
        refused(clone, "delet", "push", "origin", ":main");
    }

    @Test
    void twoConcurrentPushesEndConsistent() throws Exception {
        Path a = wiki.cloneFresh("a");
        Path b = wiki.cloneFresh("b");
        Files.writeString(a.resolve("From-A.md"), "# From A\n\nWritten in clone A.\n");
        Files.writeString(b.resolve("From-B.md"), "# From B\n\nWritten in clone B.\n");
        for (Path clone : new Path[] {a, b}) {
            assertEquals(0, wiki.git(clone, null, null, "add", "-A").exit());
            assertEquals(0, wiki.git(clone, null, null, "commit", "-m", "page from " + clone.getFileName()).exit());
        }
        Callable<GitClient.Run> pushA = () -> wiki.git(a, WikiFixture.EDITOR, WikiFixture.EDITOR_PASSWORD, "push",
                "origin", "main");
        Callable<GitClient.Run> pushB = () -> wiki.git(b, WikiFixture.EDITOR, WikiFixture.EDITOR_PASSWORD, "push",
                "origin", "main");
        GitClient.Run first;
        GitClient.Run second;
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            Future<GitClient.Run> fa = pool.submit(pushA);
            Future<GitClient.Run> fb = pool.submit(pushB);
            first = fa.get();
            second = fb.get();
        }
        // one wins; the other is told to fetch first (or arrives second and is not a fast-forward), then
        // rebases and pushes again, as the Contribute page says
        assertTrue(first.exit() == 0 || second.exit() == 0, first.output() + second.output());
        Path loser = first.exit() == 0 ? b : a;
        if (first.exit() != 0 || second.exit() != 0) {
            assertEquals(0, wiki.git(loser, null, null, "pull", "--rebase", "origin", "main").exit());
            GitClient.Run again = wiki.git(loser, WikiFixture.EDITOR, WikiFixture.EDITOR_PASSWORD, "push",
                    "origin", "main");
            assertEquals(0, again.exit(), again.output());
        }
        assertTrue(wiki.get("/From-A.html").body().contains("Written in clone A."));
        assertTrue(wiki.get("/From-B.html").body().contains("Written in clone B."));
        assertEquals(0, wiki.git(wiki.bare, null, null, "fsck", "--strict").exit());
    }

    private Path edited(String name) throws Exception {
        Path clone = wiki.cloneFresh(name);
        Files.writeString(clone.resolve("Home.md"), "# Home\n\nChanged by " + name + ".\n");
        assertEquals(0, wiki.git(clone, null, null, "commit", "-am", "change").exit());
        return clone;
    }

    private void rule(RawCommit.Entry entry, String reason) throws Exception {
        rule(reason, entry);
    }

    private void rule(String reason, RawCommit.Entry... entries) throws Exception {
        Path clone = wiki.cloneFresh("rule");
        RawCommit.onMain(clone, entries);
        refused(clone, reason, "push", "origin", "main");
    }

    /** The push fails, git prints the reason, and the server's repository is as it was: refs and pack files. */
    private void refused(Path clone, String reason, String... push) throws Exception {
        ObjectId before = wiki.main();
        Set<String> packs = wiki.packFiles();
        GitClient.Run run = wiki.git(clone, WikiFixture.EDITOR, WikiFixture.EDITOR_PASSWORD, push);
        assertNotEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains(reason), "expected '" + reason + "' in:\n" + run.output());
        assertEquals(before, wiki.main());
        assertEquals(packs, wiki.packFiles(), "a refused push left objects behind");
    }

    private static byte[] random(long size, long seed) {
        byte[] bytes = new byte[(int) size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] hex(String id) {
        byte[] raw = new byte[20];
        ObjectId.fromString(id).copyRawTo(raw, 0);
        return raw;
    }
}
