package org.godshell.toaster.installer.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.hostcheck.Finding;
import org.godshell.toaster.installer.settings.Mode;
import org.godshell.toaster.installer.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The preflight's IMAP line: Dovecot there, apt-get to install it, or neither (a failure before any change). */
class PreflightImapTest {

    @TempDir
    Path temp;

    private Optional<Finding> imap(Mode mode, boolean imap, String... programs) throws Exception {
        Path bin = Files.createDirectories(temp.resolve("bin-" + String.join("-", programs)));
        for (String program : programs) {
            Files.writeString(bin.resolve(program), "#!/bin/sh\n");
            Files.setPosixFilePermissions(bin.resolve(program), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Settings settings = new Settings(temp, "mail.example.org", "example.org", "postmaster@example.org",
                Optional.empty(), Optional.empty(), mode, true, Path.of("/usr/bin/java"), true, true, imap,
                Optional.empty());
        return new Preflight(temp, 0, List.of(bin), Optional.empty()).imap(settings);
    }

    @Test
    void dovecotOrAptGetWillDoAndNeitherStopsTheInstall() throws Exception {
        assertEquals(Finding.Level.OK, imap(Mode.SYSTEM, true, "dovecot").orElseThrow().level());
        Finding apt = imap(Mode.SYSTEM, true, "apt-get").orElseThrow();
        assertTrue(apt.level() == Finding.Level.OK && apt.message().contains("dovecot-imapd"), apt.message());
        Finding neither = imap(Mode.SYSTEM, true).orElseThrow();
        assertEquals(Finding.Level.FAIL, neither.level());
        assertTrue(neither.message().contains("--no-imap"), neither.message());
    }

    @Test
    void withUsersInADatabaseTheDriverPackageIsNamed() throws Exception {
        Path bin = Files.createDirectories(temp.resolve("bin-apt"));
        Files.writeString(bin.resolve("apt-get"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(bin.resolve("apt-get"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Settings settings = new Settings(temp, "mail.example.org", "example.org", "postmaster@example.org",
                Optional.empty(), Optional.empty(), Mode.SYSTEM, true, Path.of("/usr/bin/java"), true, true, true,
                Optional.empty(), Optional.of(new org.godshell.toaster.installer.settings.UsersDatabase(
                        "db.example.net", 5432, "toaster", "toaster", "pw")));
        Finding apt = new Preflight(temp, 0, List.of(bin), Optional.empty()).imap(settings).orElseThrow();
        assertTrue(apt.message().contains("(dovecot-imapd dovecot-pgsql)"), apt.message());
    }

    @Test
    void noImapAndTheDemoAskNothingOfDovecot() throws Exception {
        assertEquals(Optional.empty(), imap(Mode.SYSTEM, false));
        assertEquals(Optional.empty(), imap(Mode.UNPRIVILEGED, true));
    }
}
