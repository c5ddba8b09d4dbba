package org.godshell.toaster.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallRecordFileTest {

    @TempDir
    Path prefix;

    @Test
    void imapIsDovecotsInASystemInstallUnlessNoImapAndNeverInTheDemo() throws Exception {
        assertTrue(InstallRecordFile.imap(record("mode=system\n")));
        assertFalse(InstallRecordFile.imap(record("mode=system\nimap=no\n")));
        assertFalse(InstallRecordFile.imap(record("mode=unprivileged\n")));
        assertTrue(InstallRecordFile.imap(Map.of()), "set up by hand: the IMAP page shows how");
    }

    @Test
    void theFirstValueWinsAndMalformedLinesAreIgnored() throws Exception {
        Map<String, String> read = record("garbage\n=x\nmode=system\nmode=unprivileged\nimap=no\n");
        assertEquals("system", read.get("mode"));
        assertEquals(2, read.size(), read.toString());
    }

    @Test
    void anOversizedOrLinkedRecordReadsAsEmpty() throws Exception {
        assertEquals(Map.of(), record("mode=system\n" + "x".repeat(20_000) + "\n"));
        Path elsewhere = Files.writeString(prefix.resolveSibling(prefix.getFileName() + "-other"), "mode=system\n");
        Files.delete(prefix.resolve(InstallRecordFile.NAME));
        Files.createSymbolicLink(prefix.resolve(InstallRecordFile.NAME), elsewhere);
        assertEquals(Map.of(), InstallRecordFile.read(prefix));
    }

    private Map<String, String> record(String text) throws Exception {
        Files.writeString(prefix.resolve(InstallRecordFile.NAME), text);
        return InstallRecordFile.read(prefix);
    }
}
