package org.godshell.toaster.qmailimport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the old toaster's files: limits, links, and lines split without losing their numbers. */
class ImportTextTest {

    @TempDir
    Path dir;

    @Test
    void readsARegularFile() throws Exception {
        Path file = Files.writeString(dir.resolve("vpasswd"), "ann:x\n");
        assertArrayEquals("ann:x\n".getBytes(StandardCharsets.UTF_8), ImportText.read(file));
    }

    @Test
    void refusesASymbolicLinkEvenToAFileInside() throws Exception {
        Path target = Files.writeString(dir.resolve("real"), "ann:x\n");
        Path link = Files.createSymbolicLink(dir.resolve("vpasswd"), target);
        assertThrows(ImportRefusedException.class, () -> ImportText.read(link));
        assertThrows(ImportRefusedException.class, () -> ImportText.read(dir));
    }

    @Test
    void refusesAFileOverTheLimitWithoutReadingItAll() throws Exception {
        Path file = dir.resolve("huge");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(ImportText.MAX_BYTES + 1L);
        }
        ImportRefusedException e = assertThrows(ImportRefusedException.class, () -> ImportText.read(file));
        assertEquals(file + ": larger than " + ImportText.MAX_BYTES + " bytes, not read", e.getMessage());
    }

    @Test
    void splitsLinesKeepingNumbersAndDroppingOneCr() throws Exception {
        List<ImportText.Line> lines = ImportText.lines("a\r\n\nb\r\r\nc".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(Optional.of("a"), Optional.of(""), Optional.empty(), Optional.of("c")),
                lines.stream().map(ImportText.Line::text).toList());
        assertEquals(3, lines.get(2).number());
        assertEquals(List.of(), ImportText.lines(new byte[0]));
    }
}
