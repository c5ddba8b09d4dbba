package org.godshell.toaster.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real archives damaged after the fact: a changed member, a flipped byte, a cut, a base gone. Verify names the
 * bad member and exits non-zero; restore refuses and the prefix it was to replace is exactly as it was.
 */
class CorruptionTest {

    @TempDir
    Path temp;

    private Path source;
    private Path target;
    private Backup.IntoDirectory into;

    @BeforeEach
    void toasters() throws Exception {
        source = Fixture.toaster(temp.resolve("source"));
        target = Fixture.toaster(temp.resolve("target"));
        Files.writeString(target.resolve("control/me"), "the target\n");
        into = new Backup.IntoDirectory(temp.resolve("backups"));
    }

    private Backup.Result backup() throws IOException {
        return Fixture.backup(source).run(into, false, Encryption.NONE, false);
    }

    /** Restore fails with a message containing {@code expected}, and the target has not changed. */
    private void refused(Path archive, String expected) throws IOException {
        Map<String, String> before = Fixture.files(target);
        IOException e = assertThrows(IOException.class, () -> Fixture.restore(target).run(archive));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(before, Fixture.files(target));
        Verification.Report report = Verification.verify(archive, Opener.PLAIN, Limits.DEFAULT);
        assertTrue(report.problems().stream().anyMatch(p -> p.contains(expected)), report.problems().toString());
    }

    @Test
    void aChangedMemberIsNamed() throws Exception {
        Path archive = backup().archive();
        String member = Fixture.files(Fixture.maildir(source, "alice").resolve("new")).keySet().iterator().next();
        byte[] tar = gunzip(Files.readAllBytes(archive));
        String text = new String(tar, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("body 1");
        tar[at] = 'B';
        Files.write(archive, Forge.gzip(tar));
        String bad = Fixture.files(Fixture.maildir(source, "alice").resolve("new")).entrySet().stream()
                .filter(e -> e.getValue().contains("body 1")).findFirst().orElseThrow().getKey();
        refused(archive, "bad member domains/example.org/alice/Maildir/new/" + bad + ": checksum mismatch");
        assertTrue(member.length() > 0);
    }

    @Test
    void aFlippedByteOrACutIsRefused() throws Exception {
        Path archive = backup().archive();
        byte[] good = Files.readAllBytes(archive);
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x20;
        Files.write(archive, flipped);
        refused(archive, "member");
        Files.write(archive, java.util.Arrays.copyOf(good, good.length - 100));
        refused(archive, "broken or truncated");
        Files.write(archive, good);
        assertEquals(java.util.List.of(), Verification.verify(archive, Opener.PLAIN, Limits.DEFAULT).problems());
    }

    @Test
    void anIncrementWithoutItsBaseOrWithAnotherBase() throws Exception {
        Backup.Result full = backup();
        Backup.Result increment = backup();
        byte[] original = Files.readAllBytes(full.archive());
        Files.delete(full.archive());
        refused(increment.archive(), "missing archive " + full.archive().getFileName());
        Files.writeString(source.resolve("control/me"), "changed since\n");
        Backup.Result other = Fixture.backup(source).run(new Backup.IntoFile(temp.resolve("other.tar.gz")), true,
                Encryption.NONE, false);
        Files.move(other.archive(), full.archive());
        refused(increment.archive(), "is not the archive it was made on");
        Files.write(full.archive(), original);
        Fixture.restore(target).run(increment.archive());
        assertEquals("mail.example.org\n", Files.readString(target.resolve("control/me")));
    }

    private static byte[] gunzip(byte[] gzip) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GzipCompressorInputStream in = new GzipCompressorInputStream(new ByteArrayInputStream(gzip))) {
            in.transferTo(out);
        }
        return out.toByteArray();
    }
}
