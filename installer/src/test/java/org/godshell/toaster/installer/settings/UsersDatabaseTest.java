package org.godshell.toaster.installer.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --users} and {@code --users-password-file}: the URL rules of mailserver's config.UserDb (its tests,
 * UserDbTest, hold the same cases) and the password rules of UserDbPassword, checked before anything changes.
 */
class UsersDatabaseTest {

    @TempDir
    Path temp;

    @ParameterizedTest
    @CsvSource({
        "postgresql://toaster@db.example.net:5432/toaster, db.example.net, 5432, toaster, toaster",
        "postgresql://toaster@db.example.net/users, db.example.net, 5432, users, toaster",
        "postgres://mail_role@10.0.0.7:6432/mail_1, 10.0.0.7, 6432, mail_1, mail_role",
        "postgresql://toaster@[2001:db8::7]:5433/toaster, 2001:db8::7, 5433, toaster, toaster",
        "'  postgresql://toaster@DB.Example.NET/toaster  ', DB.Example.NET, 5432, toaster, toaster"})
    void aUrlGivesItsParts(String url, String host, int port, String database, String user) throws Exception {
        UsersDatabase db = UsersDatabase.parse("--users", url);
        assertEquals(new UsersDatabase(host, port, database, user, ""), db);
        assertEquals(db, UsersDatabase.parse("control/userdb", db.url()), "url() reads back the same");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "files", "mysql://toaster@db/toaster", "postgresql://db.example.net/toaster",
        "postgresql://toaster:secret@db.example.net/toaster",
        "postgresql://toaster@db.example.net/toaster?sslmode=disable",
        "postgresql://toaster@db.example.net/toaster#x", "postgresql://toaster@db.example.net:0/toaster",
        "postgresql://toaster@db.example.net:65536/toaster", "postgresql://toaster@db.example.net:123456/toaster",
        "postgresql://Toaster@db.example.net/toaster", "postgresql://toaster@db.example.net/Toaster",
        "postgresql://toaster@db.example.net/", "postgresql://toaster@db..example.net/toaster",
        "postgresql://toaster@db_example.net'/toaster", "postgresql://toaster@db example.net/toaster",
        "postgresql://toaster@db.example.net/toaster\nx", "postgresql://to'aster@db.example.net/toaster",
        "postgresql://toaster@db.example.net/to%27aster", "postgresql://toaster@[::1/toaster",
        "postgresql://toaster@db.example.net/a/b"})
    void aBadUrlIsRefusedWithTheOptionNamed(String url) {
        SettingsException e = assertThrows(SettingsException.class, () -> UsersDatabase.parse("--users", url), url);
        assertTrue(e.getMessage().startsWith("--users") && !e.getMessage().contains("\n"), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), "a password typed in the URL is not echoed");
    }

    @Test
    void anOversizedUrlIsRefused() {
        assertThrows(SettingsException.class, () -> UsersDatabase.parse("--users",
                "postgresql://toaster@" + "a".repeat(700) + "/toaster"));
    }

    @Test
    void thePasswordIsTheFirstLineWithoutTheSpacesAroundIt() throws Exception {
        Path file = Files.writeString(temp.resolve("pw"), "  it's a \"pass\" \\word #1  \nsecond line\n");
        assertEquals("it's a \"pass\" \\word #1", UsersDatabase.password("--users-password-file", file));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "   \n", "tab\there\n", "esc\u001b[0m\n", "del\u007f\n"})
    void aPasswordFileWithoutAUsablePasswordIsRefused(String text) throws Exception {
        Path file = Files.writeString(temp.resolve("pw"), text, StandardCharsets.UTF_8);
        SettingsException e = assertThrows(SettingsException.class,
                () -> UsersDatabase.password("--users-password-file " + file, file));
        assertTrue(e.getMessage().startsWith("--users-password-file"), e.getMessage());
    }

    @Test
    void anOversizedPasswordAndAMissingFileAreRefused() throws Exception {
        Path long1 = Files.writeString(temp.resolve("long"), "x".repeat(UsersDatabase.MAX_PASSWORD + 1));
        assertThrows(SettingsException.class, () -> UsersDatabase.password("f", long1));
        Path huge = Files.writeString(temp.resolve("huge"), "x".repeat(70_000));
        assertThrows(SettingsException.class, () -> UsersDatabase.password("f", huge));
        assertThrows(SettingsException.class, () -> UsersDatabase.password("f", temp.resolve("missing")));
        assertThrows(SettingsException.class, () -> UsersDatabase.password("f", temp));
    }

    @Test
    void usersNeedsItsPasswordFileAndThePasswordFileNeedsUsers() throws Exception {
        SettingsException none = assertThrows(SettingsException.class,
                () -> UsersDatabase.of("postgresql://toaster@db/toaster", null));
        assertTrue(none.getMessage().contains("--users-password-file"), none.getMessage());
        Path file = Files.writeString(temp.resolve("pw"), "s3cret\n");
        SettingsException alone = assertThrows(SettingsException.class, () -> resolve(null, file));
        assertTrue(alone.getMessage().contains("goes with --users"), alone.getMessage());
        Settings settings = resolve("postgresql://toaster@db.example.net/toaster", file);
        assertEquals(Optional.of(new UsersDatabase("db.example.net", 5432, "toaster", "toaster", "s3cret")),
                settings.users());
        assertFalse(settings.users().orElseThrow().toString().contains("s3cret"), "toString leaves it out");
    }

    @Test
    void aRerunReadsTheInstalledFilesBack() throws Exception {
        assertEquals(Optional.empty(), resolve(null, null).users(), "no control/userdb: the passwd files");
        Path control = Files.createDirectories(temp.resolve("control"));
        Files.writeString(control.resolve("userdb"), "files\n");
        assertEquals(Optional.empty(), resolve(null, null).users());
        Files.writeString(control.resolve("userdb"), "postgresql://toaster@db.example.net:5432/toaster\n");
        SettingsException missing = assertThrows(SettingsException.class, () -> resolve(null, null));
        assertTrue(missing.getMessage().contains("userdbpassword is missing"), missing.getMessage());
        Files.writeString(control.resolve("userdbpassword"), "s3cret\n");
        assertEquals("s3cret", resolve(null, null).users().orElseThrow().password());
        Files.writeString(control.resolve("userdb"), "postgresql://toaster@db.example.net/Bad\n");
        SettingsException bad = assertThrows(SettingsException.class, () -> resolve(null, null));
        assertTrue(bad.getMessage().startsWith(control.resolve("userdb").toString()), bad.getMessage());
    }

    private Settings resolve(String users, Path passwordFile) throws SettingsException {
        return new SettingsResolver(() -> "mail.example.org", Optional.empty(), Map.of()).resolve(
                new SettingsResolver.Given(temp, "mail.example.org", null, null, null, null, null, false, true,
                        Path.of("/usr/bin/java"), null, null, null, null, users, passwordFile));
    }
}
