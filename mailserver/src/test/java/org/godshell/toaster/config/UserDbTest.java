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

class UserDbTest {

    @TempDir
    Path dir;

    private UserDb userdb(String text) throws Exception {
        Files.writeString(dir.resolve("userdb"), text);
        return Controls.once(dir).get(ControlFiles.USERDB);
    }

    private Optional<String> password(String text, String mode) throws Exception {
        Path file = dir.resolve("userdbpassword");
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return Controls.once(dir).get(ControlFiles.USERDBPASSWORD);
    }

    @Test
    void noFileMeansThePasswdFiles() throws Exception {
        assertEquals(new UserDb.Files(), Controls.once(dir).get(ControlFiles.USERDB));
        assertEquals(new UserDb.Files(), userdb("files\n"));
        assertEquals(Optional.empty(), Controls.once(dir).get(ControlFiles.USERDBPASSWORD));
    }

    @Test
    void readsAPostgresqlUrl() throws Exception {
        assertEquals(new UserDb.Postgres("db.example.net", 5433, "toaster", "mail_hosts"),
                userdb("postgresql://mail_hosts@db.example.net:5433/toaster\n"));
        assertEquals(new UserDb.Postgres("127.0.0.1", 5432, "users", "toaster"),
                userdb("postgres://toaster@127.0.0.1/users"));
        UserDb.Postgres v6 = (UserDb.Postgres) userdb("postgresql://toaster@[2001:db8::5]:6432/toaster");
        assertEquals("2001:db8::5", v6.host());
        assertEquals("postgresql://toaster@[2001:db8::5]:6432/toaster", v6.toString());
    }

    @Test
    void aPasswordInTheUrlIsRefusedWithoutRepeatingIt() throws Exception {
        ConfigException e = assertThrows(ConfigException.class,
                () -> userdb("postgresql://toaster:s3cretpass@db.example.net/toaster"));
        assertTrue(e.getMessage().contains("control/userdbpassword"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cretpass"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "file", "mysql://toaster@db/toaster", "postgresql://db.example.net/toaster",
        "postgresql://toaster@db.example.net/toaster?sslmode=disable", "postgresql://toaster@db.example.net:0/t",
        "postgresql://toaster@db.example.net:70000/t", "postgresql://Toaster@db.example.net/toaster",
        "postgresql://toaster@db.example.net/Toaster", "postgresql://toaster@db..example.net/toaster",
        "postgresql://toaster@-db.example.net/toaster", "postgresql://toaster@db.example.net/",
        "postgresql://toaster@db.example.net/a/b", "postgresql://to\u0000aster@db/x",
        "postgresql://toaster@db.example.net/t#frag", "postgresql://toaster@[zz::1]/toaster",
        "postgresql://tóaster@db.example.net/toaster", "postgresql://toaster;drop@db/t",
        "postgresql://toaster@db.example.net/toaster extra"})
    void refusesWhatIsNotAUrlTheToasterUses(String text) throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> userdb(text + "\n"));
        assertTrue(e.getMessage().contains("userdb"), e.getMessage());
    }

    @Test
    void anOversizedLineIsRefusedAndNotEchoedWhole() throws Exception {
        String huge = "postgresql://toaster@" + "a".repeat(100_000) + "/toaster";
        ConfigException e = assertThrows(ConfigException.class, () -> userdb(huge));
        assertTrue(e.getMessage().length() < 1_000, e.getMessage().length() + " characters");
    }

    @Test
    void readsThePasswordOfAnOwnerOnlyFile() throws Exception {
        assertEquals(Optional.of("pa ss:word"), password("pa ss:word\n", "rw-------"));
        assertEquals(Optional.of("x"), password("x", "r--------"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r-----", "rw-r--r--", "rw----r--", "rw-rw----"})
    void refusesAPasswordOthersCanRead(String mode) throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> password("s3cretpass\n", mode));
        assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cretpass"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"   \n", "pass\u0001word", "pass\u001b[2Jword"})
    void refusesAnEmptyPasswordOrOneWithControlCharacters(String text) throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> password(text, "rw-------"));
        assertTrue(e.getMessage().contains("userdbpassword"), e.getMessage());
        assertTrue(e.getMessage().chars().noneMatch(c -> c < 0x20), e.getMessage());
    }

    @Test
    void refusesAnOversizedPassword() throws Exception {
        assertThrows(ConfigException.class, () -> password("p".repeat(UserDbPassword.MAX_LENGTH + 1), "rw-------"));
        assertEquals(UserDbPassword.MAX_LENGTH, password("p".repeat(UserDbPassword.MAX_LENGTH), "rw-------")
                .orElseThrow().length());
    }
}
