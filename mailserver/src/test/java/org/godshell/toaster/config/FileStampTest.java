package org.godshell.toaster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What makes a daemon read a file again: any change of content, identity, time, owner or mode. */
class FileStampTest {

    @TempDir
    Path dir;

    @Test
    void aSameSizeEditAModeFixAndAReplacementEachChangeTheStamp() throws Exception {
        Path file = dir.resolve("f");
        Files.writeString(file, "one\n");
        FileTime time = FileTime.fromMillis(1_700_000_000_000L);
        Files.setLastModifiedTime(file, time);
        FileStamp first = FileStamp.of(file);
        assertEquals(first, FileStamp.of(file), "nothing changed, nothing to read");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        FileStamp moded = FileStamp.of(file);
        assertNotEquals(first, moded, "a chmod (doctor --fix) can make a file readable");

        Path replacement = dir.resolve("f.new");
        Files.writeString(replacement, "two\n");
        Files.setPosixFilePermissions(replacement, PosixFilePermissions.fromString("rw-------"));
        Files.setLastModifiedTime(replacement, time);
        Files.move(replacement, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        assertNotEquals(moded, FileStamp.of(file), "same size, time and mode, another inode");
    }

    @Test
    void theOwnerIsKeptAsANumberSoNoStampLooksTheUserUp() throws Exception {
        Path file = dir.resolve("f");
        Files.writeString(file, "one\n");
        FileStamp stamp = FileStamp.of(file);
        assertEquals(Files.getAttribute(file, "unix:uid"), stamp.owner());
        assertEquals(Files.getAttribute(file, "unix:gid"), stamp.group());
        assertEquals(Files.getAttribute(file, "unix:mode"), stamp.mode());
    }

    @Test
    void aFileInADirectoryThatCannotBeSearchedIsAnErrorNotAbsent() throws Exception {
        Path closed = Files.createDirectory(dir.resolve("closed"));
        Files.writeString(closed.resolve("f"), "one\n");
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rw-------"));
        try {
            assumeFalse(Files.isExecutable(closed), "root searches any directory");
            FileStamp stamp = FileStamp.of(closed.resolve("f"));
            assertNotEquals(FileStamp.ABSENT, stamp, "the daemon must read it and say why it cannot");
            assertEquals(-2, stamp.size());
        } finally {
            Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aMissingFileIsAbsent() {
        assertEquals(FileStamp.ABSENT, FileStamp.of(dir.resolve("missing")));
        assertEquals(FileStamp.ABSENT, FileStamp.of(dir.resolve("no/such/directory/file")));
    }

    @Test
    void aLookSeesAFileComeAndGoWhateverItWasLastTime() throws Exception {
        Path file = dir.resolve("f");
        FileStamp absent = new FileStamp.Look().of(file, null);
        assertEquals(FileStamp.ABSENT, absent);

        Files.writeString(file, "one\n");
        FileStamp present = new FileStamp.Look().of(file, absent);
        assertNotEquals(FileStamp.ABSENT, present, "a file made since the last look is seen");
        assertEquals(FileStamp.of(file), present);

        Files.delete(file);
        assertEquals(FileStamp.ABSENT, new FileStamp.Look().of(file, present), "a file that was there has gone");
        assertEquals(FileStamp.ABSENT, new FileStamp.Look().of(dir.resolve("no/such/directory/file"), present));
    }

    @Test
    void aLookAsksWhetherADirectoryCanBeSearchedOnceAndTheNextLookAsksAgain() throws Exception {
        Path closed = Files.createDirectory(dir.resolve("closed"));
        Path there = Files.writeString(closed.resolve("there"), "one\n");
        FileStamp.Look look = new FileStamp.Look();
        FileStamp stamp = look.of(there, null);
        assertEquals(FileStamp.ABSENT, look.of(closed.resolve("missing"), null));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rw-------"));
        try {
            assumeFalse(Files.isExecutable(closed), "root searches any directory");
            assertEquals(FileStamp.ABSENT, look.of(closed.resolve("other"), null), "within a look, as before the chmod");
            FileStamp.Look next = new FileStamp.Look();
            assertEquals(-2, next.of(closed.resolve("missing"), FileStamp.ABSENT).size(),
                    "the next look cannot tell absent from unreadable, and says so");
            assertEquals(-2, next.of(there, stamp).size(), "a file that was there cannot be stat'ed: an error");
        } finally {
            Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aReplacementByRenameIsSeenByALookThatStatsAtOnce() throws Exception {
        Path file = dir.resolve("f");
        Files.writeString(file, "one\n");
        FileStamp first = new FileStamp.Look().of(file, null);
        Path replacement = dir.resolve("f.new");
        Files.writeString(replacement, "one\n");
        Files.setLastModifiedTime(replacement, first.modified());
        Files.move(replacement, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        assertNotEquals(first, new FileStamp.Look().of(file, first), "same size and time, another inode");
    }
}
