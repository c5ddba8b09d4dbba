package org.godshell.toaster.site.shipped;

import static org.godshell.toaster.site.shipped.WikiRepo.DOCS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped folder's files as the push rules see them: hostile names and contents refuse it whole. */
class ShippedFolderTest {

    @TempDir
    Path dir;

    private Path content() throws IOException {
        return WikiRepo.folder(dir.resolve("content"), Map.of("Home.md", "# Home\n"));
    }

    private void refused(Path content, String reason) throws IOException {
        Path bare = dir.resolve("wiki.git");
        IOException e = assertThrows(IOException.class, () -> ShippedDocs.follow(bare, content, "0.1", DOCS));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        if (Files.exists(bare)) {
            assertEquals(Optional.empty(), WikiRepo.ref(bare, ShippedDocs.REF), "nothing is recorded");
            assertEquals(Optional.empty(), WikiRepo.ref(bare, ShippedDocs.MAIN));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"con.md", "NUL.md", "a.md.", "trailing.md ", "esc\u001b[2J.md", "bell\u0007.md",
        "line\nbreak.md", "back\\slash.md", "lpt1"})
    void aNameAPushWouldBeRefusedForRefusesTheWholeFolder(String name) throws Exception {
        Path content = content();
        Files.writeString(content.resolve(name), "# hostile\n");
        refused(content, "");
    }

    @Test
    void aPageThatIsNotUtf8TextIsRefused() throws Exception {
        Path content = content();
        Files.write(content.resolve("Bad.md"), new byte[] {'#', ' ', (byte) 0xff, '\n'});
        refused(content, "Bad.md: a .md page must be UTF-8 text");
        Files.write(content.resolve("Bad.md"), new byte[] {'#', ' ', 0, '\n'});
        refused(content, "Bad.md: a .md page must be text, and it holds a NUL byte");
    }

    @Test
    void aFileOverTheLimitIsRefused() throws Exception {
        Path content = content();
        try (RandomAccessFile big = new RandomAccessFile(content.resolve("big.bin").toFile(), "rw")) {
            big.setLength(ShippedFolder.MAX_FILE + 1);
        }
        refused(content, "big.bin is larger than");
    }

    @Test
    void aMissingFolderCreatesNothing() {
        Path bare = dir.resolve("wiki.git");
        IOException e = assertThrows(IOException.class,
                () -> ShippedDocs.follow(bare, dir.resolve("nowhere"), "0.1", DOCS));
        assertTrue(e.getMessage().contains("is not a directory"), e.getMessage());
        assertTrue(Files.notExists(bare));
    }

    @Test
    void symlinksDotFilesAndDotFoldersAreLeftOutAndFoldersKeepGitsOrder() throws Exception {
        Path content = content();
        Files.createSymbolicLink(content.resolve("passwd.md"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(content.resolve("etc"), Path.of("/etc"));
        Files.writeString(content.resolve(".hidden.md"), "# hidden\n");
        Files.createDirectories(content.resolve(".git"));
        Files.writeString(content.resolve(".git/config"), "[core]\n");
        Files.createDirectories(content.resolve("a"));
        Files.writeString(content.resolve("a/b.md"), "# a/b\n");
        Files.writeString(content.resolve("a-b.md"), "# a-b\n");
        Path bare = dir.resolve("wiki.git");
        ShippedDocs.follow(bare, content, "0.1", DOCS);
        assertEquals(Map.of("Home.md", "# Home\n", "a-b.md", "# a-b\n", "a/b.md", "# a/b\n"),
                WikiRepo.files(bare, WikiRepo.ref(bare, ShippedDocs.MAIN).orElseThrow()));
    }
}
