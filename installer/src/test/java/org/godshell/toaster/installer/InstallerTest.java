package org.godshell.toaster.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.godshell.toaster.installer.prefix.Prefix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installer as its user runs it: a command line, a payload, a prefix, and what ends up on disk. */
class InstallerTest {

    @TempDir
    Path temp;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int install(Path prefix, byte[] payload) throws IOException {
        Path file = Files.write(Files.createTempFile(temp, "payload", ".tar.gz"), payload);
        return InstallerMain.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                "--prefix", prefix.toString(), "--payload", file.toString());
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
    void installsIntoANewPrefixWithModes() throws IOException {
        Path prefix = temp.resolve("toaster");
        assertEquals(0, install(prefix, release("1.0").bytes()), err.toString());
        assertEquals("1.0\n", Files.readString(prefix.resolve("VERSION")));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(prefix.resolve("plugins/sample"))));
        assertFalse(Files.exists(prefix.resolve(".install-staging")));
        assertTrue(out.toString().contains("installed toaster 1.0 into " + prefix), out.toString());
    }

    @Test
    void rerunChangesNothingAndSaysSo() throws IOException {
        Path prefix = temp.resolve("toaster");
        byte[] payload = release("1.0").bytes();
        install(prefix, payload);
        Map<String, String> before = snapshot(prefix);
        out.getBuffer().setLength(0);
        assertEquals(0, install(prefix, payload), err.toString());
        assertEquals(before, snapshot(prefix));
        assertTrue(out.toString().contains("0 files written"), out.toString());
    }

    @Test
    void newerPayloadKeepsAdminControlFilesAndDropsStaleJars() throws IOException {
        Path prefix = temp.resolve("toaster");
        install(prefix, release("1.0").bytes());
        Files.writeString(prefix.resolve("control/me"), "mail.example.org\n");
        assertEquals(0, install(prefix, release("1.1").bytes()), err.toString());

        assertEquals("mail.example.org\n", Files.readString(prefix.resolve("control/me")));
        assertTrue(out.toString().contains("kept your control/me"), out.toString());
        assertEquals("1.1\n", Files.readString(prefix.resolve("VERSION")));
        assertEquals("# Home 1.1\n", Files.readString(prefix.resolve("wiki-content/Home.md")));
        assertTrue(Files.exists(prefix.resolve("lib/toaster-mailserver-1.1.jar")));
        assertFalse(Files.exists(prefix.resolve("lib/toaster-mailserver-1.0.jar")), "stale jar left on the class path");
    }

    @Test
    void upgradeReplacesConfigAsShippedAndKeepsEditedConfigWithTheNewDefaultBeside() throws IOException {
        Path prefix = temp.resolve("toaster");
        install(prefix, TestArchive.distribution("1.0").file("control/smtpplugins", "[rcpt]\n", 0644)
                .file("control/spptimeout", "10\n", 0644).bytes());
        Files.writeString(prefix.resolve("control/spptimeout"), "5\n");
        byte[] newer = TestArchive.distribution("2.0").file("control/smtpplugins", "[rcpt]\n# new sample\n", 0644)
                .file("control/spptimeout", "20\n", 0644).bytes();

        assertEquals(0, install(prefix, newer), err.toString());
        assertEquals("[rcpt]\n# new sample\n", Files.readString(prefix.resolve("control/smtpplugins")),
                "a file as shipped follows the new version");
        assertFalse(Files.exists(prefix.resolve("control/smtpplugins.toaster-new")));
        assertEquals("5\n", Files.readString(prefix.resolve("control/spptimeout")), "an edited file is kept");
        assertEquals("20\n", Files.readString(prefix.resolve("control/spptimeout.toaster-new")));
        assertTrue(out.toString().contains("kept your control/spptimeout (it is not the default that was shipped); the new default is "
                + "control/spptimeout.toaster-new"), out.toString());

        out.getBuffer().setLength(0);
        assertEquals(0, install(prefix, newer));
        assertEquals("5\n", Files.readString(prefix.resolve("control/spptimeout")), "still kept on a rerun");

        Files.writeString(prefix.resolve("control/spptimeout"), "20\n");      // the admin takes the new default
        assertEquals(0, install(prefix, newer));
        assertFalse(Files.exists(prefix.resolve("control/spptimeout.toaster-new")), "nothing left beside it");
    }

    @Test
    void damagedPayloadLeavesTheInstalledToasterUntouched() throws IOException {
        Path prefix = temp.resolve("toaster");
        install(prefix, release("1.0").bytes());
        Map<String, String> before = snapshot(prefix);
        TestArchive newer = release("2.0").file("lib/big.jar", "q".repeat(200_000), 0644);
        byte[] whole = newer.bytes();

        for (byte[] damaged : new byte[][] {newer.truncated(whole.length / 2), newer.flipped(6)}) {
            err.getBuffer().setLength(0);
            assertEquals(1, install(prefix, damaged));
            assertTrue(err.toString().contains("payload is damaged"), err.toString());
            assertTrue(err.toString().contains("nothing in the prefix was replaced"), err.toString());
            assertEquals(before, snapshot(prefix));
        }
    }

    @Test
    void interruptedRunCompletesOnRerun() throws IOException {
        Path prefix = temp.resolve("toaster");
        // What a run killed mid-way leaves: the marker, a half-filled staging directory, some files moved.
        Files.createDirectories(prefix.resolve(".install-staging/lib"));
        Files.writeString(prefix.resolve(Prefix.MARKER), "");
        Files.writeString(prefix.resolve(".install-staging/lib/partial.jar"), "half");
        Files.createDirectories(prefix.resolve("bin"));
        Files.writeString(prefix.resolve("bin/toaster"), "#!/bin/sh\necho toaster 1.0\n");

        assertEquals(0, install(prefix, release("1.0").bytes()), err.toString());
        assertEquals("1.0\n", Files.readString(prefix.resolve("VERSION")));
        assertFalse(Files.exists(prefix.resolve(".install-staging")));
        assertFalse(Files.exists(prefix.resolve("lib/partial.jar")));
    }

    @Test
    void badPrefixIsAClearErrorAndWritesNothing() throws IOException {
        Path foreign = Files.createDirectory(temp.resolve("home"));
        Files.writeString(foreign.resolve("thesis.tex"), "mine");
        assertEquals(1, install(foreign, release("1.0").bytes()));
        assertTrue(err.toString().contains("not empty and holds no toaster"), err.toString());
        assertEquals(Map.of("thesis.tex", "mine"), snapshot(foreign));
    }

    @Test
    void missingPayloadFileAndUnknownOptionsAreClear() {
        int code = InstallerMain.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                "--prefix", temp.resolve("p").toString(), "--payload", temp.resolve("nope.tar.gz").toString());
        assertEquals(1, code);
        assertTrue(err.toString().contains("is not a readable file"), err.toString());
        assertFalse(Files.exists(temp.resolve("p")), "the prefix was created for a payload that does not exist");

        assertEquals(2, InstallerMain.execute(new PrintWriter(out, true), new PrintWriter(err, true), "--frobnicate"));
        assertTrue(err.toString().contains("Unknown option: '--frobnicate'"), err.toString());
    }

    /** Every file under a tree, relative name to content (links as "-> target"). */
    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.filter(p -> !Files.isDirectory(p)).toList()) {
                files.put(root.relativize(path).toString(), Files.isSymbolicLink(path)
                        ? "-> " + Files.readSymbolicLink(path) : Files.readString(path));
            }
        }
        return files;
    }
}
