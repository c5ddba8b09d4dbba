package org.godshell.toaster.installer.prefix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.godshell.toaster.installer.Snapshot;
import org.godshell.toaster.installer.TestArchive;
import org.godshell.toaster.installer.payload.PayloadException;
import org.godshell.toaster.installer.payload.Unpacker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Moving a payload into a prefix: what is replaced, what is kept, what an interruption leaves. */
class InstallationTest {

    @TempDir
    Path temp;

    private Installation.Report install(Path root, byte[] payload) throws Exception {
        Prefix prefix = Prefix.of(root.toString());
        prefix.claim();
        Path staging = Installation.freshStaging(prefix);
        try {
            Unpacker.unpack(new ByteArrayInputStream(payload), staging);
        } catch (PayloadException e) {
            Installation.discard(staging);
            throw e;
        }
        return Installation.apply(prefix, staging);
    }

    private boolean upToDate(Path root, byte[] payload) throws Exception {
        Path scratch = Files.createTempDirectory(temp, "scratch");
        Unpacker.unpack(new ByteArrayInputStream(payload), scratch);
        return Installation.upToDate(Prefix.of(root.toString()), scratch);
    }

    private static TestArchive release(String version) {
        return TestArchive.distribution(version)
                .file("lib/toaster-mailserver-" + version + ".jar", "jar " + version, 0644)
                .file("control/me", "localhost\n", 0644)
                .file("control/databytes", "0\n", 0644)
                .file("plugins/sample", "#!/bin/sh\n", 0755)
                .file("wiki-content/Home.md", "# Home " + version + "\n", 0644);
    }

    @Test
    void installsIntoANewPrefixWithModes() throws Exception {
        Path prefix = temp.resolve("toaster");
        byte[] payload = release("1.0").bytes();
        assertFalse(upToDate(prefix, payload));
        install(prefix, payload);
        assertEquals("1.0\n", Files.readString(prefix.resolve("VERSION")));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(prefix.resolve("plugins/sample"))));
        assertFalse(Files.exists(prefix.resolve(".install-staging")));
        assertTrue(upToDate(prefix, payload));
    }

    @Test
    void rerunChangesNothing() throws Exception {
        Path prefix = temp.resolve("toaster");
        byte[] payload = release("1.0").bytes();
        install(prefix, payload);
        Map<String, String> before = Snapshot.of(prefix);
        Installation.Report again = install(prefix, payload);
        assertEquals(0, again.written());
        assertEquals(before, Snapshot.of(prefix));
    }

    @Test
    void newerPayloadKeepsAdminControlFilesAndDropsStaleJars() throws Exception {
        Path prefix = temp.resolve("toaster");
        install(prefix, release("1.0").bytes());
        Files.writeString(prefix.resolve("control/me"), "mail.example.org\n");
        byte[] newer = release("1.1").bytes();
        assertFalse(upToDate(prefix, newer));
        Installation.Report report = install(prefix, newer);

        assertEquals(List.of("control/me"), report.kept());
        assertEquals("mail.example.org\n", Files.readString(prefix.resolve("control/me")));
        assertEquals("1.1\n", Files.readString(prefix.resolve("VERSION")));
        assertEquals("# Home 1.1\n", Files.readString(prefix.resolve("wiki-content/Home.md")));
        assertTrue(Files.exists(prefix.resolve("lib/toaster-mailserver-1.1.jar")));
        assertFalse(Files.exists(prefix.resolve("lib/toaster-mailserver-1.0.jar")), "stale jar left on the class path");
        assertTrue(upToDate(prefix, newer), "an edited file kept with the default beside it is up to date");
    }

    @Test
    void aPageTheNewVersionNoLongerShipsLeavesWikiContent() throws Exception {
        Path prefix = temp.resolve("toaster");
        install(prefix, release("1.0").file("wiki-content/Old page.md", "# Old\n", 0644).bytes());
        assertTrue(Files.exists(prefix.resolve("wiki-content/Old page.md")));
        byte[] newer = release("1.1").bytes();
        assertFalse(upToDate(prefix, newer), "the stale page is noticed");
        Installation.Report report = install(prefix, newer);
        assertFalse(Files.exists(prefix.resolve("wiki-content/Old page.md")),
                "the wiki's merge would otherwise keep shipping it");
        assertEquals(2, report.removed(), "the page and the 1.0 jar");
        assertTrue(upToDate(prefix, newer));
    }

    @Test
    void aShareFileTheNewVersionNoLongerShipsIsRemoved() throws Exception {
        Path prefix = temp.resolve("toaster");
        install(prefix, release("1.0").file("share/grafana/old-dashboard.json", "{}\n", 0644).bytes());
        assertTrue(Files.exists(prefix.resolve("share/grafana/old-dashboard.json")));
        byte[] newer = release("1.1").file("share/grafana/toaster-dashboard.json", "{}\n", 0644).bytes();
        assertFalse(upToDate(prefix, newer), "the stale file is noticed");
        install(prefix, newer);
        assertFalse(Files.exists(prefix.resolve("share/grafana/old-dashboard.json")),
                "an admin would otherwise import a dashboard this version no longer ships");
        assertTrue(Files.exists(prefix.resolve("share/grafana/toaster-dashboard.json")));
        assertTrue(upToDate(prefix, newer));
    }

    @Test
    void staleProgramFileMeansNotUpToDate() throws Exception {
        Path prefix = temp.resolve("toaster");
        byte[] payload = release("1.0").bytes();
        install(prefix, payload);
        Files.writeString(prefix.resolve("lib/old.jar"), "old");
        assertFalse(upToDate(prefix, payload));
        Files.delete(prefix.resolve("lib/old.jar"));
        Files.delete(prefix.resolve("plugins/sample"));
        assertFalse(upToDate(prefix, payload), "a deleted file is noticed");
    }

    @Test
    void upgradeReplacesConfigAsShippedAndKeepsEditedConfigWithTheNewDefaultBeside() throws Exception {
        Path prefix = temp.resolve("toaster");
        install(prefix, TestArchive.distribution("1.0").file("control/smtpplugins", "[rcpt]\n", 0644)
                .file("control/spptimeout", "10\n", 0644).bytes());
        Files.writeString(prefix.resolve("control/spptimeout"), "5\n");
        byte[] newer = TestArchive.distribution("2.0").file("control/smtpplugins", "[rcpt]\n# new sample\n", 0644)
                .file("control/spptimeout", "20\n", 0644).bytes();

        assertEquals(List.of("control/spptimeout"), install(prefix, newer).kept());
        assertEquals("[rcpt]\n# new sample\n", Files.readString(prefix.resolve("control/smtpplugins")),
                "a file as shipped follows the new version");
        assertFalse(Files.exists(prefix.resolve("control/smtpplugins.toaster-new")));
        assertEquals("5\n", Files.readString(prefix.resolve("control/spptimeout")), "an edited file is kept");
        assertEquals("20\n", Files.readString(prefix.resolve("control/spptimeout.toaster-new")));

        install(prefix, newer);
        assertEquals("5\n", Files.readString(prefix.resolve("control/spptimeout")), "still kept on a rerun");

        Files.writeString(prefix.resolve("control/spptimeout"), "20\n");      // the admin takes the new default
        install(prefix, newer);
        assertFalse(Files.exists(prefix.resolve("control/spptimeout.toaster-new")), "nothing left beside it");
    }

    @Test
    void damagedPayloadLeavesTheInstalledToasterUntouched() throws Exception {
        Path prefix = temp.resolve("toaster");
        install(prefix, release("1.0").bytes());
        Map<String, String> before = Snapshot.of(prefix);
        TestArchive newer = release("2.0").file("lib/big.jar", "q".repeat(200_000), 0644);
        byte[] whole = newer.bytes();

        for (byte[] damaged : new byte[][] {newer.truncated(whole.length / 2), newer.flipped(6)}) {
            PayloadException e = assertThrows(PayloadException.class, () -> install(prefix, damaged));
            assertTrue(e.getMessage().contains("payload is damaged"), e.getMessage());
            assertEquals(before, Snapshot.of(prefix));
        }
    }

    @Test
    void interruptedRunCompletesOnRerun() throws Exception {
        Path prefix = temp.resolve("toaster");
        // What a run killed mid-way leaves: the marker, a half-filled staging directory, some files moved.
        Files.createDirectories(prefix.resolve(".install-staging/lib"));
        Files.writeString(prefix.resolve(Prefix.MARKER), "");
        Files.writeString(prefix.resolve(".install-staging/lib/partial.jar"), "half");
        Files.createDirectories(prefix.resolve("bin"));
        Files.writeString(prefix.resolve("bin/toaster"), "#!/bin/sh\necho toaster 1.0\n");
        assertFalse(upToDate(prefix, release("1.0").bytes()));

        install(prefix, release("1.0").bytes());
        assertEquals("1.0\n", Files.readString(prefix.resolve("VERSION")));
        assertFalse(Files.exists(prefix.resolve(".install-staging")));
        assertFalse(Files.exists(prefix.resolve("lib/partial.jar")));
    }

    @Test
    void generatedFileFollowsTheInstallerUntilEditedThenGoesBeside() throws IOException, PrefixException {
        Path root = temp.resolve("toaster");
        Prefix prefix = Prefix.of(root.toString());
        prefix.claim();
        GeneratedFile me = new GeneratedFile(prefix, "control/me", "a.example.org\n");
        assertFalse(me.isDone());
        assertEquals(GeneratedFile.Outcome.WRITTEN, me.place());
        assertTrue(me.isDone());
        assertEquals(GeneratedFile.Outcome.UNCHANGED, me.place());

        GeneratedFile renamed = new GeneratedFile(prefix, "control/me", "b.example.org\n");
        assertFalse(renamed.isDone());
        assertEquals(GeneratedFile.Outcome.WRITTEN, renamed.place(), "not edited: follows the new value");
        assertEquals("b.example.org\n", Files.readString(root.resolve("control/me")));

        Files.writeString(root.resolve("control/me"), "mine.example.org\n");
        GeneratedFile third = new GeneratedFile(prefix, "control/me", "c.example.org\n");
        assertEquals(GeneratedFile.Outcome.KEPT, third.place());
        assertEquals("mine.example.org\n", Files.readString(root.resolve("control/me")));
        assertEquals("c.example.org\n", Files.readString(root.resolve("control/me.toaster-new"), StandardCharsets.UTF_8));
        assertTrue(third.isDone(), "kept with the new value beside it: nothing more to do");
    }
}
