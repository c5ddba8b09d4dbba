package org.godshell.toaster.installer.prefix;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrefixTest {

    @TempDir
    Path temp;

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "\"\"                | is empty",
        "\"   \"             | is empty",
        "/                   | system directory",
        "/usr                | system directory",
        "/usr/local/         | system directory",
        "/etc/../usr         | system directory",
        "/opt                | system directory",
        "/proc/self/cwd      | inside /proc",
        "/sys/toaster        | inside /sys",
        "/dev/shm/toaster    | inside /dev",
    })
    void refusesPlacesThatCannotHoldAToaster(String raw, String reason) {
        PrefixException e = assertThrows(PrefixException.class, () -> Prefix.of(raw));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void refusesControlCharactersAndNul() {
        for (String raw : new String[] {"/opt/toa\u0000ster", "/opt/toaster\n/etc", "/opt/\u001b[31mred"}) {
            PrefixException e = assertThrows(PrefixException.class, () -> Prefix.of(raw));
            assertTrue(e.getMessage().contains("control character"), e.getMessage());
        }
    }

    @Test
    void refusesAFile() throws IOException {
        Path file = Files.writeString(temp.resolve("file"), "x");
        PrefixException e = assertThrows(PrefixException.class, () -> Prefix.of(file.toString()));
        assertTrue(e.getMessage().contains("is not a directory"), e.getMessage());
    }

    @Test
    void refusesAForeignNonEmptyDirectoryAndLeavesItAlone() throws IOException {
        Files.writeString(temp.resolve("notes.txt"), "mine");
        Prefix prefix = assertDoesNotThrow(() -> Prefix.of(temp.toString()));
        PrefixException e = assertThrows(PrefixException.class, prefix::claim);
        assertTrue(e.getMessage().contains("not empty and holds no toaster"), e.getMessage());
        try (Stream<Path> entries = Files.list(temp)) {
            assertEquals(1, entries.count(), "no marker was written into a foreign directory");
        }
    }

    @Test
    void takesANewOrEmptyDirectoryAndMarksIt() throws Exception {
        Prefix fresh = Prefix.of(temp.resolve("a/b/toaster").toString());
        fresh.claim();
        assertTrue(Files.exists(fresh.root().resolve(Prefix.MARKER)));
        fresh.claim();

        Path empty = Files.createDirectory(temp.resolve("empty"));
        Prefix.of(empty.toString()).claim();
        assertTrue(Files.exists(empty.resolve(Prefix.MARKER)));
    }

    @Test
    void relativePrefixIsTakenFromTheWorkingDirectory() throws PrefixException {
        assertEquals(Path.of("local").toAbsolutePath(), Prefix.of("local").root());
        assertEquals(Path.of("").toAbsolutePath().resolve("x"), Prefix.of("./y/../x").root());
    }

    @Test
    void unwritableParentIsAClearError() throws IOException {
        Path locked = Files.createDirectory(temp.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        assumeFalse(Files.isWritable(locked),
                "running as root: every directory is writable, so permission errors cannot be provoked here");
        PrefixException e = assertThrows(PrefixException.class,
                () -> Prefix.of(locked.resolve("toaster").toString()).claim());
        assertTrue(e.getMessage().contains("permission denied"), e.getMessage());
    }
}
