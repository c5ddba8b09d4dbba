package org.godshell.toaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.godshell.toaster.users.UserStore;
import org.godshell.toaster.users.sql.PostgresExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code toaster users import|export} as an admin runs them, against a real PostgreSQL. */
class UsersCommandTest {

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @TempDir
    Path prefix;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void aHostWithUsersInFiles() throws Exception {
        Files.createDirectories(prefix.resolve("control"));
        try (UserStore files = UserStore.open(prefix)) {
            files.addDomain("example.test");
            files.addUser("ann@example.test", "correct horse".toCharArray());
        }
        POSTGRES.shareUsers(prefix, POSTGRES.newDatabase(), "mx1.example.net");
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.add(2, "--prefix");
        all.add(3, prefix.toString());
        return Toaster.execute(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
    }

    @Test
    void importThenUsersLogInFromTheDatabase() throws Exception {
        assertEquals(0, run("users", "import", "--dry-run"), err.toString());
        assertTrue(out.toString().contains("would add user ann@example.test"), out.toString());
        assertTrue(out.toString().contains("would move 1 domain(s), 1 user(s), 0 alias(es); 0 conflict(s)"),
                out.toString());
        assertEquals(0, run("users", "import"), err.toString());
        assertTrue(out.toString().contains("added user ann@example.test"), out.toString());
        assertEquals(0, run("user", "list"), err.toString());
        assertEquals("ann@example.test\n", out.toString(), "toaster user list reads the database now");
        assertEquals(0, run("users", "import"), err.toString());
        assertTrue(out.toString().contains("moved 0 domain(s), 0 user(s)"), out.toString());
    }

    @Test
    void aConflictExitsOneAndSaysWhat() throws Exception {
        assertEquals(0, run("users", "import"), err.toString());
        Path userdb = prefix.resolve("control/userdb");
        String database = Files.readString(userdb);
        Files.writeString(userdb, "files\n");
        try (UserStore files = UserStore.open(prefix)) {
            files.setPassword("ann@example.test", "battery staple".toCharArray());
        }
        Files.writeString(userdb, database);
        assertEquals(1, run("users", "import"), err.toString());
        assertTrue(out.toString().contains("conflict: ann@example.test: the other side has another password"),
                out.toString());
        try (UserStore users = UserStore.open(prefix)) {
            assertTrue(users.verify("ann@example.test", "correct horse".toCharArray()), "the database keeps its own");
        }
    }

    @Test
    void anUnreachableDatabaseOrAnUnknownOptionIsAClearError() throws Exception {
        Files.writeString(prefix.resolve("control/userdb"), "postgresql://toaster@127.0.0.1:1/toaster\n");
        assertEquals(1, run("users", "import"));
        assertTrue(err.toString().contains("127.0.0.1:1"), err.toString());
        assertEquals(2, run("users", "import", "--force"));
        assertEquals(1, run("users", "export"));
    }
}
