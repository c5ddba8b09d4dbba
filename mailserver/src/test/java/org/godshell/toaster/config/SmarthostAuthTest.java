package org.godshell.toaster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmarthostAuthTest {

    @TempDir
    Path dir;

    private Path write(String text, String mode) throws Exception {
        Path file = dir.resolve("smarthostauth");
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void readsLoginsByRelay() throws Exception {
        SmarthostAuth auth = Controls.once((write("""
                # relay user password
                smtp.Example.NET me@example.org pass word with spaces
                [192.0.2.1] other s3cret
                """, "rw-------")).getParent()).get(ControlFiles.SMARTHOSTAUTH);
        assertEquals(Optional.of(new SmarthostAuth.Credentials("me@example.org", "pass word with spaces")),
                auth.forRelay("smtp.example.net"));
        assertEquals("s3cret", auth.forRelay("[192.0.2.1]").orElseThrow().password());
        assertTrue(auth.forRelay("other.example").isEmpty());
        assertFalse(auth.forRelay("smtp.example.net").orElseThrow().toString().contains("word with"));
    }

    @Test
    void missingFileMeansNoLogins() throws Exception {
        assertTrue(Controls.once((dir.resolve("smarthostauth")).getParent()).get(ControlFiles.SMARTHOSTAUTH).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r--r--", "rw-r-----", "rw----r--", "rw-rw----", "rwx---r-x"})
    void refusesFilesOthersCanUse(String mode) throws Exception {
        Path file = write("smtp.example.net me secret\n", mode);
        ConfigException e = assertThrows(ConfigException.class, () -> Controls.once((file).getParent()).get(ControlFiles.SMARTHOSTAUTH));
        assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }

    @Test
    void readOnlyForOwnerIsFine() throws Exception {
        assertFalse(Controls.once((write("smtp.example.net me secret\n", "r--------")).getParent()).get(ControlFiles.SMARTHOSTAUTH).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "smtp.example.net",
        "smtp.example.net me",
        "smtp.example.net me ",
        " smtp.example.net me secret",
        "smtp.example.net  me secret",
        "smtp.example.net\tme secret",
        "smtp..example.net me secret",
        "[999.1.1.1] me secret",
        "smtp.example.net me sec\u0001ret",
        "$(reboot) me secret",
    })
    void malformedLinesAreRefusedWithoutEchoingSecrets(String line) throws Exception {
        Path file = write("# logins\n" + line + "\n", "rw-------");
        ConfigException e = assertThrows(ConfigException.class, () -> Controls.once((file).getParent()).get(ControlFiles.SMARTHOSTAUTH));
        assertEquals(2, e.line(), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }

    @Test
    void duplicateRelayIsRefused() throws Exception {
        Path file = write("a.example u p\nA.example v q\n", "rw-------");
        ConfigException e = assertThrows(ConfigException.class, () -> Controls.once((file).getParent()).get(ControlFiles.SMARTHOSTAUTH));
        assertEquals(2, e.line());
    }
}
