package org.godshell.toaster.installer.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.godshell.toaster.installer.TestArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UnpackerTest {

    @TempDir
    Path temp;
    private Path staging;
    private Path outside;

    @BeforeEach
    void layout() throws IOException {
        staging = Files.createDirectory(temp.resolve("staging"));
        outside = Files.createDirectory(temp.resolve("outside"));
    }

    private Unpacker.Unpacked unpack(byte[] archive) throws PayloadException, IOException {
        return Unpacker.unpack(new ByteArrayInputStream(archive), staging);
    }

    @Test
    void unpacksFilesDirectoriesLinksAndModes() throws Exception {
        byte[] archive = TestArchive.distribution("1.2.3")
                .directory("control", 0750)
                .file("control/me", "mail.example.org\n", 0640)
                .file("plugins/rbl", "#!/bin/sh\n", 0755)
                .file("lib/setuid", "x", 04755)
                .symlink("bin/current", "toaster")
                .bytes();
        Unpacker.Unpacked unpacked = unpack(archive);

        assertEquals("1.2.3", unpacked.version());
        assertEquals(5, unpacked.files());
        assertEquals(1, unpacked.links());
        assertEquals("rwxr-xr-x", mode("bin/toaster"));
        assertEquals("rw-r-----", mode("control/me"));
        assertEquals("rwxr-x---", mode("control"));
        assertEquals("rwxr-xr-x", mode("lib/setuid"), "set-id bits are dropped");
        assertEquals("mail.example.org\n", Files.readString(staging.resolve("control/me")));
        assertEquals(Path.of("toaster"), Files.readSymbolicLink(staging.resolve("bin/current")));
    }

    private String mode(String name) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(staging.resolve(name)));
    }

    static Stream<Arguments> hostileArchives() {
        return Stream.of(
                hostile("dot-dot entry", "climbs out", () -> TestArchive.distribution("1").file("../outside/x", "x", 0644)),
                hostile("absolute entry", "absolute", () -> TestArchive.distribution("1").file("/tmp/x", "x", 0644)),
                hostile("absolute link", "not a plain relative path",
                        () -> TestArchive.distribution("1").symlink("bin/passwd", "/etc/passwd")),
                hostile("link climbing out", "points out of the prefix",
                        () -> TestArchive.distribution("1").symlink("bin/up", "../../outside")),
                hostile("write through a link", "symbolic link and an entry would be written through it",
                        () -> TestArchive.distribution("1").symlink("here", ".").file("here/x", "x", 0644)),
                hostile("link chain out", "resolves out of the prefix",
                        () -> TestArchive.distribution("1").symlink("self", ".").symlink("escape", "self/..")),
                hostile("dangling link", "points to nothing",
                        () -> TestArchive.distribution("1").symlink("bin/gone", "missing")),
                hostile("hard link", "hard link",
                        () -> TestArchive.distribution("1").special("bin/hard", TarConstants.LF_LINK)),
                hostile("device", "special file",
                        () -> TestArchive.distribution("1").special("dev/null", TarConstants.LF_CHR)),
                hostile("fifo", "special file",
                        () -> TestArchive.distribution("1").special("bin/pipe", TarConstants.LF_FIFO)),
                hostile("duplicate", "appears twice",
                        () -> TestArchive.distribution("1").file("bin/toaster", "again", 0755)),
                hostile("file then directory", "would replace a directory",
                        () -> TestArchive.distribution("1").file("d/inner", "x", 0644).file("d", "y", 0644)),
                hostile("not a distribution", "not a toaster distribution",
                        () -> new TestArchive().file("README", "hello", 0644)),
                hostile("bad version", "not a version",
                        () -> new TestArchive().file("bin/toaster", "", 0755).file("VERSION", "1 2; rm -rf /", 0644)));
    }

    private static Arguments hostile(String what, String reason, Supplier<TestArchive> archive) {
        return Arguments.of(what, reason, archive);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileArchives")
    void refusesHostileEntriesAndWritesNothingOutside(String what, String reason, Supplier<TestArchive> archive)
            throws IOException {
        PayloadException e = assertThrows(PayloadException.class, () -> unpack(archive.get().bytes()));
        assertTrue(e.getMessage().contains(reason), what + ": " + e.getMessage());
        try (Stream<Path> leaked = Files.list(outside)) {
            assertEquals(0, leaked.count(), what + " wrote outside the staging directory");
        }
        assertFalse(Files.exists(temp.resolve("x")), what);
    }

    @Test
    void truncatedPayloadIsDamaged() {
        TestArchive archive = TestArchive.distribution("1").file("lib/big", "z".repeat(100_000), 0644);
        for (int keep : new int[] {0, 5, 60, archive.bytes().length / 2, archive.bytes().length - 4}) {
            PayloadException e = assertThrows(PayloadException.class, () -> Unpacker.unpack(
                    new ByteArrayInputStream(archive.truncated(keep)), Files.createTempDirectory(temp, "cut")),
                    "cut at " + keep);
            assertTrue(e.getMessage().contains("damaged"), e.getMessage());
            assertTrue(e.getMessage().contains("download toaster-installer.jar again"), e.getMessage());
        }
    }

    @Test
    void aFlippedByteInTheGzipTrailerIsDamage() {
        // 6 from the end is inside the CRC32 of the gzip trailer: only a full read finds it.
        byte[] damaged = TestArchive.distribution("1").file("lib/big", "abc".repeat(20_000), 0644).flipped(6);
        PayloadException e = assertThrows(PayloadException.class, () -> Unpacker.unpack(
                new ByteArrayInputStream(damaged), Files.createTempDirectory(temp, "flip")));
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
    }

    @Test
    void aFlippedByteAnywhereIsRefusedOrChangesNothing() throws IOException {
        // Inside the compressed data a flip may decode into an odd entry before the CRC is reached, or land in a
        // part of a Huffman table no symbol uses and change nothing at all. Either the archive is refused, or
        // what it unpacks is exactly the original: damaged content is never installed.
        String big = "abc".repeat(20_000);
        byte[] whole = TestArchive.distribution("1").file("lib/big", big, 0644).bytes();
        for (int offset = 8; offset < whole.length; offset += Math.max(1, whole.length / 40)) {
            byte[] damaged = whole.clone();
            damaged[damaged.length - offset] ^= 0x5a;
            Path staging = Files.createTempDirectory(temp, "flip");
            try {
                Unpacker.unpack(new ByteArrayInputStream(damaged), staging);
                assertEquals(big, Files.readString(staging.resolve("lib/big")), "flip at " + offset);
                assertEquals("1\n", Files.readString(staging.resolve("VERSION")), "flip at " + offset);
            } catch (PayloadException refused) {
                // The damage was seen: nothing of this payload would be installed.
            }
        }
    }

    @Test
    void garbageIsDamaged() {
        PayloadException e = assertThrows(PayloadException.class,
                () -> unpack("PK\u0003\u0004 this is a zip, not a tar.gz".getBytes()));
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
    }
}
