package org.godshell.toaster.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one atomic write: the new content or the old, never a temp file left beside it; exactly the mode asked
 * (not what the umask leaves of it); the handover seen before the rename, and a failing one changing nothing.
 */
class AtomicFileTest {

    @TempDir
    Path dir;

    @Test
    void theLeftoversOfAKilledWriteAreRemovedAndNothingElse() throws IOException {
        Path leftover = Files.writeString(dir.resolve(".me.8104565327483184317.tmp"), "half");
        Path link = Files.writeString(dir.resolve(".site.123456789.tmp"), "");
        Path kept = Files.writeString(dir.resolve("me"), "mx.example.org\n");
        Path hidden = Files.writeString(dir.resolve(".toaster-journal"), "start a\n");
        Path named = Files.writeString(dir.resolve(".me.tmp"), "not ours: no digits");
        assertEquals(2, AtomicFile.removeLeftovers(dir));
        assertEquals(List.of(named, hidden, kept), entries().stream().sorted().toList());
        assertEquals(0, AtomicFile.removeLeftovers(dir.resolve("missing")));
        assertEquals(false, Files.exists(leftover) || Files.exists(link));
    }

    @Test
    void replacesWithExactlyTheModeAskedAndLeavesNothingBeside() throws IOException {
        Path file = Files.writeString(dir.resolve("rcpthosts"), "old\n");
        AtomicFile.write(file, "example.org\n", "rw-rw-r--");
        assertEquals("example.org\n", Files.readString(file));
        assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                "a umask of 022 would have taken the group's write");
        assertEquals(List.of(file), entries());
    }

    @Test
    void aCacheWriteReplacesWithTheModeAskedAndLeavesNothingBeside() throws IOException {
        Path file = Files.write(dir.resolve("000002-abc.index"), new byte[] {1, 2, 3});
        byte[] content = new byte[3 << 20];
        content[content.length - 1] = 7;
        AtomicFile.writeCache(file, content, "rw-r--r--");
        assertEquals(content.length, Files.size(file));
        assertEquals(7, Files.readAllBytes(file)[content.length - 1]);
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(List.of(file), entries());
        assertThrows(IOException.class, () -> AtomicFile.writeCache(dir.resolve("missing/x.index"), content,
                "rw-r--r--"));
        assertEquals(List.of(file), entries(), "a failed write leaves nothing");
    }

    @Test
    void theHandoverSeesTheTempFileWithItsContentBeforeTheRename() throws IOException {
        Path file = dir.resolve("passwd");
        List<String> seen = new ArrayList<>();
        AtomicFile.write(file, "ann@example.org:x\n", "rw-r-----", (created, target) -> {
            seen.add(target.getFileName() + " " + Files.exists(target) + " " + Files.readString(created));
        });
        assertEquals(List.of("passwd false ann@example.org:x\n"), seen);
    }

    @Test
    void aHandoverThatFailsLeavesTheOldFileAndNoTemp() throws IOException {
        Path file = Files.writeString(dir.resolve("passwd"), "old\n");
        IOException e = assertThrows(IOException.class, () -> AtomicFile.write(file, "new\n", "rw-r-----",
                (created, target) -> {
                    throw new IOException("cannot give it away");
                }));
        assertEquals("cannot give it away", e.getMessage());
        assertEquals("old\n", Files.readString(file));
        assertEquals(List.of(file), entries());
    }

    @Test
    void aDirectoryGetsItsModeAndItsHandover() throws IOException {
        List<Path> handed = new ArrayList<>();
        Path maildir = dir.resolve("ann/Maildir");
        AtomicFile.createDirectory(maildir, "rwx-w----", (created, target) -> handed.add(created));
        assertEquals("rwx-w----", PosixFilePermissions.toString(Files.getPosixFilePermissions(maildir)));
        assertEquals(List.of(maildir), handed);
    }

    @Test
    void aLinkIsSwappedInOneStep() throws IOException {
        Path first = Files.createDirectory(dir.resolve("build-1"));
        Path second = Files.createDirectory(dir.resolve("build-2"));
        Path site = dir.resolve("site");
        AtomicFile.symlink(site, first.getFileName());
        AtomicFile.symlink(site, second.getFileName());
        assertEquals(second.getFileName(), Files.readSymbolicLink(site));
        assertEquals(List.of(first, second, site), entries());
    }

    private List<Path> entries() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}
