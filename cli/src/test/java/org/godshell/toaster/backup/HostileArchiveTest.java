package org.godshell.toaster.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives made to hurt: every one is refused with a message naming the problem, the prefix is left exactly as
 * it was, and nothing is written outside the staging directory (which is gone afterwards).
 */
class HostileArchiveTest {

    @TempDir
    Path temp;

    private Path prefix;
    private Map<String, String> before;

    @BeforeEach
    void prefix() throws Exception {
        prefix = temp.resolve("toaster");
        Files.createDirectories(prefix.resolve("control"));
        Files.writeString(prefix.resolve("control/me"), "mx.example\n");
        Files.createDirectories(prefix.resolve("queue"));
        Files.createFile(prefix.resolve("queue/lock"));             // as an install has it
        before = Fixture.files(temp);
    }

    /** Restores the forged archive and returns the refusal; checks that nothing changed anywhere. */
    private String refused(byte[] archive) throws IOException {
        Path file = temp.resolve("toaster-backup-20260101-000000-full.tar.gz");
        Files.write(file, archive);
        Map<String, String> withArchive = Fixture.files(temp);
        IOException e = assertThrows(IOException.class, () -> Fixture.restore(prefix).run(file));
        assertEquals(withArchive, Fixture.files(temp), "nothing written, nothing changed");
        try (var left = Files.list(prefix)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".restore-staging")));
        }
        assertFalse(Files.exists(temp.resolve("escape")));
        Files.delete(file);
        assertEquals(before, Fixture.files(temp));
        String problems = Verification.verify(writeAgain(file, archive), Opener.PLAIN, Limits.DEFAULT).problems()
                .toString();
        assertFalse(problems.equals("[]"), "verify finds it bad too");
        Files.delete(file);
        return e.getMessage();
    }

    private static Path writeAgain(Path file, byte[] archive) throws IOException {
        return Files.write(file, archive);
    }

    private static Forge good() {
        return Forge.full().line("D\t755\t1.000000000\tcontrol").file("control/me", "restored\n");
    }

    @Test
    void aWellFormedForgeRestores() throws Exception {
        Path file = temp.resolve("toaster-backup-20260101-000000-full.tar.gz");
        Files.write(file, good().build());
        Fixture.restore(prefix).run(file);
        assertEquals("restored\n", Files.readString(prefix.resolve("control/me")));
    }

    @Test
    void namesThatClimbOutOrAreAbsolute() throws Exception {
        for (String name : new String[] {"control/../../escape", "../escape", "/tmp/escape", "control//x",
            "control/./x", "wiki/wiki.git/config", "var/backup/last", "bin/toaster", "control/x\ny"}) {
            String why = refused(good().member(Forge.Member.file(name, "x")).build());
            assertTrue(why.contains("refused"), name + ": " + why);
        }
    }

    @Test
    void linksDirectoriesAndDevicesAsMembers() throws Exception {
        for (byte type : new byte[] {TarConstants.LF_SYMLINK, TarConstants.LF_LINK, TarConstants.LF_CHR,
            TarConstants.LF_BLK, TarConstants.LF_FIFO, TarConstants.LF_DIR}) {
            String why = refused(good().member(new Forge.Member("control/escape", new byte[0], type)).build());
            assertTrue(why.contains("not a plain file"), (char) type + ": " + why);
        }
    }

    @Test
    void aMemberTwice() throws Exception {
        String why = refused(good().member(Forge.Member.file("control/me", "restored\n")).build());
        assertTrue(why.contains("twice"), why);
    }

    @Test
    void aMemberBiggerThanTheManifestSays() throws Exception {
        Forge forge = Forge.full().line("D\t755\t1.000000000\tcontrol")
                .line("F\t600\t1.000000000\t1.000000000\t3\t" + Forge.sha256("abc") + "\t.\tcontrol/me")
                .member(Forge.Member.file("control/me", "abc and a great deal more"));
        String why = refused(forge.build());
        assertTrue(why.contains("bad member control/me") && why.contains("the manifest says 3"), why);
    }

    @Test
    void membersOrEntriesTheManifestDoesNotMatch() throws Exception {
        String extra = refused(good().member(Forge.Member.file("control/extra", "x")).build());
        assertTrue(extra.contains("bad member control/extra: not in the manifest"), extra);
        String missing = refused(good().line("F\t600\t1.000000000\t1.000000000\t1\t" + Forge.sha256("x")
                + "\t.\tcontrol/gone").build());
        assertTrue(missing.contains("missing member control/gone"), missing);
        String elsewhere = refused(good().line("F\t600\t1.000000000\t1.000000000\t1\t" + Forge.sha256("x")
                + "\ttoaster-backup-20250101-000000-full.tar.gz\tcontrol/other").build());
        assertTrue(elsewhere.contains("not in its chain"), elsewhere);
    }

    @Test
    void hostileManifestLines() throws Exception {
        for (String line : new String[] {"F\t600\t1.000000000\t1.000000000\t1\tabc\t.\tcontrol/x",
            "L\t1.000000000\t../../etc/passwd\tcontrol/x", "L\t1.000000000\t/etc/passwd\tcontrol/x",
            "D\t755\t1.000000000\tcontrol/a/b", "D\t9999\t1.000000000\tcontrol/x", "X\tcontrol/x",
            "D\t755\tyesterday\tcontrol/x", "D\t755\t1.000000000\tcontrol/%ZZ", "D\t755\t1.000000000\tcontrol"}) {
            String why = refused(good().line(line).build());
            assertTrue(why.contains("bad member " + MemberName.MANIFEST), line + ": " + why);
        }
    }

    @Test
    void overTheLimits() throws Exception {
        Path file = Files.write(temp.resolve("toaster-backup-20260101-000000-full.tar.gz"), good()
                .file("control/a", "a").file("control/b", "b").build());
        Restore small = new Restore(prefix, Opener.PLAIN, new Limits(2, 1 << 20), java.time.Clock.systemUTC());
        IOException many = assertThrows(IOException.class, () -> small.run(file));
        assertTrue(many.getMessage().contains("more members than the limit")
                || many.getMessage().contains("more than 2 entries"), many.getMessage());
        Restore tiny = new Restore(prefix, Opener.PLAIN, new Limits(100, 10), java.time.Clock.systemUTC());
        IOException big = assertThrows(IOException.class, () -> tiny.run(file));
        assertTrue(big.getMessage().contains("over the manifest size limit"), big.getMessage());
    }

    @Test
    void truncatedGarbageAndMisplacedMembers() throws Exception {
        byte[] whole = good().build();
        for (int cut : new int[] {whole.length - 1, whole.length - 9, whole.length / 2, 12, 1}) {
            String why = refused(java.util.Arrays.copyOf(whole, cut));
            assertTrue(why.contains("broken or truncated") || why.contains("unreadable")
                    || why.contains("neither a gzip'd tar"), cut + ": " + why);
        }
        byte[] garbage = new byte[4096];
        new Random(24).nextBytes(garbage);
        assertTrue(refused(garbage).contains("neither a gzip'd tar nor an OpenPGP message"));
        garbage[0] = 0x1f;
        garbage[1] = (byte) 0x8b;
        assertTrue(refused(garbage).contains("unreadable"));
        assertTrue(refused(Forge.gzip(good().tar(false))).contains("no manifest"));
        Forge noInfo = new Forge().line("D\t755\t1.000000000\tcontrol").file("control/me", "x\n");
        assertTrue(refused(noInfo.build()).contains("first member is not"));
        byte[] after = Forge.gzip(concat(good().tar(true), Forge.full().tar(false)));
        assertTrue(refused(after).contains("after the manifest") || refused(after).contains("first member"));
    }

    private static byte[] concat(byte[] tar, byte[] more) {
        // the first tar without its two end-of-archive blocks, then the second
        int end = tar.length;
        while (end >= 512 && java.util.Arrays.equals(java.util.Arrays.copyOfRange(tar, end - 512, end), new byte[512])) {
            end -= 512;
        }
        byte[] joined = java.util.Arrays.copyOf(tar, end + more.length);
        System.arraycopy(more, 0, joined, end, more.length);
        return joined;
    }
}
