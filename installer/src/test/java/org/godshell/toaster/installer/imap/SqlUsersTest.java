package org.godshell.toaster.installer.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SQL drop-in and its connection file against golden files in {@code src/test/resources/imap/} (rewrite with
 * {@code -Dgolden.rewrite=true}); 2.3's also run in {@link RealDovecotSqlTest}, 2.4's were written from Dovecot's
 * 2.4 documentation and source and not run here. The password is quoted, never refused for its quotes; names that
 * go into an SQL literal or a Dovecot word are refused unless plain.
 */
class SqlUsersTest {

    private static final Path GOLDEN = Path.of("src/test/resources/imap");
    private static final Path PREFIX = Path.of("/opt/toaster");

    private static SqlUsers sql(String host, String password, String mailboxHost) {
        return new SqlUsers(host, 5432, "toaster", "toaster", password, mailboxHost, SqlUsers.FILE);
    }

    private static DropIn dropIn(DovecotVersion.Syntax syntax, SqlUsers sql) {
        return new DropIn(PREFIX, "toaster", syntax, Optional.of(sql));
    }

    @ParameterizedTest
    @EnumSource(DovecotVersion.Syntax.class)
    void theDropInAndConnectionFileOfEachSyntaxAreTheirGoldenFiles(DovecotVersion.Syntax syntax) throws Exception {
        DropIn dropIn = dropIn(syntax, sql("db.example.net", "s3cret pass", "mx1.example.net"));
        String version = syntax.name().substring(1).replace('_', '.');
        golden("05-toaster-users-sql-" + version + ".conf", dropIn.users());
        golden("toaster-sql-" + version + ".conf.ext", dropIn.connection().orElseThrow());
    }

    @Test
    void thePasswdFilesHaveNoConnectionFile() throws Exception {
        assertEquals(Optional.empty(), new DropIn(PREFIX, "toaster", DovecotVersion.Syntax.V2_3).connection());
        assertFalse(new DropIn(PREFIX, "toaster", DovecotVersion.Syntax.V2_3).users().contains("sql"));
    }

    @Test
    void aHostilePasswordIsQuotedForLibpqInsideDovecotsQuotes() throws Exception {
        String password = "it's a \"quoted\" back\\slash # %u $SET:x";
        String v23 = dropIn(DovecotVersion.Syntax.V2_3, sql("127.0.0.1", password, "mx1.example.net"))
                .connection().orElseThrow();
        assertTrue(v23.contains("\nconnect = \"host='127.0.0.1' port=5432 dbname='toaster' user='toaster' "
                + "password='it\\\\'s a \\\"quoted\\\" back\\\\\\\\slash # %u $SET:x'\"\n"), v23);
        String v24 = dropIn(DovecotVersion.Syntax.V2_4, sql("127.0.0.1", password.replace("%u ", ""),
                "mx1.example.net")).connection().orElseThrow();
        assertTrue(v24.contains("\n    password = \"it's a \\\"quoted\\\" back\\\\slash # $SET:x\"\n"), v24);
    }

    @Test
    void libpqAndDovecotQuotingUndoEachOther() throws Exception {
        assertEquals("'a\\'b\\\\c d'", SqlUsers.libpq("a'b\\c d"));
        assertEquals("\"a\\\"b\\\\c\"", SqlUsers.quoted("a\"b\\c"));
        assertEquals("'mx1.example.net'", SqlUsers.literal("host", "mx1.example.net"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"line\nbreak", "carriage\rreturn", "nul\0byte", "tab\there", "escape\u001b[0m", "del\u007f",
        ""})
    void aPasswordWithAControlCharacterIsRefused(String password) {
        for (DovecotVersion.Syntax syntax : DovecotVersion.Syntax.values()) {
            UnsafeValueException e = assertThrows(UnsafeValueException.class,
                    () -> dropIn(syntax, sql("db.example.net", password, "mx1.example.net")).connection());
            assertFalse(e.getMessage().contains(password.isEmpty() ? "\u0000" : password), e.getMessage());
        }
    }

    @Test
    void twoSpacesInARowAreRefusedFor23AndAPercentFor24() {
        assertThrows(UnsafeValueException.class, () -> dropIn(DovecotVersion.Syntax.V2_3,
                sql("db.example.net", "two  spaces", "mx1.example.net")).connection());
        assertThrows(UnsafeValueException.class, () -> dropIn(DovecotVersion.Syntax.V2_4,
                sql("db.example.net", "50%{user}", "mx1.example.net")).connection());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mx1'; DROP TABLE users; --", "mx1' OR '1'='1", "mx%u", "mx\\", "mx #x", "mx1\nx",
        "mx1 example", "mx\"1", "mx{1}", "mx$SET:me", "mx<x", "", "a..b"})
    void aMailboxHostThatWouldLeaveTheLiteralIsRefused(String host) {
        for (DovecotVersion.Syntax syntax : DovecotVersion.Syntax.values()) {
            UnsafeValueException e = assertThrows(UnsafeValueException.class,
                    () -> dropIn(syntax, sql("db.example.net", "pw", host)).users(), host);
            assertTrue(e.getMessage().contains("--no-imap") && !e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"db example", "db'x", "db\"x", "db#x", "db\nx", "db%h", "db{x}"})
    void aDatabaseHostThatIsNotAPlainWordIsRefused(String host) {
        for (DovecotVersion.Syntax syntax : DovecotVersion.Syntax.values()) {
            assertThrows(UnsafeValueException.class, () -> dropIn(syntax, sql(host, "pw", "mx1.example.net"))
                    .connection(), host);
        }
    }

    @Test
    void badNamesPortsAndFilesAreRefused() {
        for (SqlUsers bad : new SqlUsers[] {
            new SqlUsers("db", 5432, "Toaster", "toaster", "pw", "mx1", SqlUsers.FILE),
            new SqlUsers("db", 5432, "toaster", "to aster", "pw", "mx1", SqlUsers.FILE),
            new SqlUsers("db", 5432, "toaster'--", "toaster", "pw", "mx1", SqlUsers.FILE),
            new SqlUsers("db", 0, "toaster", "toaster", "pw", "mx1", SqlUsers.FILE),
            new SqlUsers("db", 70000, "toaster", "toaster", "pw", "mx1", SqlUsers.FILE),
            new SqlUsers("db", 5432, "toaster", "toaster", "pw", "mx1", Path.of("/etc/dovecot/a b.ext"))}) {
            assertThrows(UnsafeValueException.class, () -> dropIn(DovecotVersion.Syntax.V2_3, bad).users(),
                    bad.toString());
        }
    }

    @Test
    void theQueriesServeOnlyThisHostsDomainsAndTheLoginLowerCased() throws Exception {
        DropIn dropIn = dropIn(DovecotVersion.Syntax.V2_3, sql("db.example.net", "pw", "MX1.Example.NET"));
        String ext = dropIn.connection().orElseThrow();
        assertEquals(3, ext.split("lower\\(d\\.mailbox_host\\) = 'mx1\\.example\\.net'", -1).length - 1, ext);
        assertTrue(ext.contains("u.address = '%Lu'"), ext);
        assertFalse(ext.contains("s3cret") || dropIn.users().contains("password ="), "no password in the drop-in");
        assertFalse(sql("db", "s3cret", "mx1").toString().contains("s3cret"));
    }

    @Test
    void theImapPageShowsTheFilesAsInstalled() throws Exception {
        String page = Files.readString(Path.of("..", "wiki-content", "IMAP.md"), StandardCharsets.UTF_8);
        String ext = Files.readString(GOLDEN.resolve("toaster-sql-2.3.conf.ext"), StandardCharsets.UTF_8);
        String dropIn = Files.readString(GOLDEN.resolve("05-toaster-users-sql-2.3.conf"), StandardCharsets.UTF_8);
        assertTrue(page.contains("```text\n" + ext + "```\n"), "IMAP.md, Users in PostgreSQL: the connection file");
        assertTrue(page.contains("```text\n" + dropIn.substring(dropIn.indexOf("passdb {")) + "```\n"),
                "IMAP.md, Users in PostgreSQL: the drop-in's users section");
    }

    private static void golden(String name, String actual) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("golden.rewrite")) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, name + " (rewrite with "
                + "-Dgolden.rewrite=true after a deliberate change)");
    }
}
