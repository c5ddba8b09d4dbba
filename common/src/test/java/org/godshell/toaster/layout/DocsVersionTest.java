package org.godshell.toaster.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The installed version against the one whose documentation the wiki followed. */
class DocsVersionTest {

    @TempDir
    Path prefix;

    @Test
    void followedOnceRecordedForTheInstalledVersion() throws Exception {
        assertFalse(DocsVersion.upToDate(prefix), "nothing installed");
        Files.writeString(prefix.resolve("VERSION"), "0.3.0-SNAPSHOT\nsecond line ignored\n");
        assertEquals(Optional.of("0.3.0-SNAPSHOT"), DocsVersion.installed(prefix));
        assertFalse(DocsVersion.upToDate(prefix));
        Files.createDirectories(prefix.resolve("wiki"));
        DocsVersion.recordFollowed(prefix, "0.3.0-SNAPSHOT");
        assertTrue(DocsVersion.upToDate(prefix));
        Files.writeString(prefix.resolve("VERSION"), "0.4.0\n");
        assertFalse(DocsVersion.upToDate(prefix));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\u001b[2J", "0.1 rm -rf", "../0.1", "-0.1", "0.1\u0000"})
    void aHostileVersionIsNone(String line) throws Exception {
        Files.writeString(prefix.resolve("VERSION"), line + "\n");
        assertEquals(Optional.empty(), DocsVersion.installed(prefix));
    }

    @Test
    void aHugeFileOrALinkIsNone() throws Exception {
        Files.writeString(prefix.resolve("VERSION"), "9".repeat(100_000));
        assertEquals(Optional.empty(), DocsVersion.installed(prefix));
        Files.delete(prefix.resolve("VERSION"));
        Files.writeString(prefix.resolve("elsewhere"), "0.1\n");
        Files.createSymbolicLink(prefix.resolve("VERSION"), prefix.resolve("elsewhere"));
        assertEquals(Optional.empty(), DocsVersion.installed(prefix));
    }
}
