package org.godshell.toaster.qmailimport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.godshell.toaster.config.ControlFiles;
import org.junit.jupiter.api.Test;

/** Old control files checked with the toaster's parsers before they are copied. */
class ControlTextTest {

    private static Optional<String> check(org.godshell.toaster.config.Key<?> key, String text) throws Exception {
        return ControlText.problem(key, Path.of("/var/qmail/control/" + key.name()),
                text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void goodFilesPass() throws Exception {
        assertEquals(Optional.empty(), check(ControlFiles.DATABYTES, "20971520 \n"));
        assertEquals(Optional.empty(), check(ControlFiles.ME, "mail.example.com\n"));
        assertEquals(Optional.empty(), check(ControlFiles.SMTPROUTES, "# relay\n\nexample.org:mx.example.net\n"));
        assertEquals(Optional.empty(), check(ControlFiles.CONCURRENCYINCOMING, "100\n"));
    }

    @Test
    void badFilesAreNamedByFileAndLine() throws Exception {
        assertTrue(check(ControlFiles.DATABYTES, "20M\n").orElseThrow()
                .startsWith("/var/qmail/control/databytes:1:"));
        assertTrue(check(ControlFiles.SMTPROUTES, "# x\nexample.org:mx:99999999\n").orElseThrow()
                .startsWith("/var/qmail/control/smtproutes:2:"), check(ControlFiles.SMTPROUTES, "# x\nexample.org:mx:"
                + "99999999\n").orElseThrow());
        assertEquals(Optional.of("/var/qmail/control/me:1: not valid UTF-8"),
                ControlText.problem(ControlFiles.ME, Path.of("/var/qmail/control/me"), new byte[] {(byte) 0xc3}));
        assertTrue(check(ControlFiles.SMTPPLUGINS, "[c]\n").orElseThrow().contains("reader of its own"));
    }
}
