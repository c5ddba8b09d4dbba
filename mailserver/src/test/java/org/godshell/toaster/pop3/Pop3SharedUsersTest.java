package org.godshell.toaster.pop3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.godshell.toaster.config.UserDb;
import org.godshell.toaster.users.UserStore;
import org.godshell.toaster.users.sql.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** pop3d with its users in a real PostgreSQL shared with another host (issue 27). */
class Pop3SharedUsersTest {

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @TempDir
    Path here;
    @TempDir
    Path other;

    @Test
    void aUserLogsInWhereItsMailIsKeptAndIsSentThereElsewhere() throws Exception {
        UserDb.Postgres db = POSTGRES.newDatabase();
        POSTGRES.shareUsers(here, db, "mx1.example.net");
        POSTGRES.shareUsers(other, db, "mx2.example.net");
        try (Pop3TestServer server = new Pop3TestServer(here)) {
            server.user("ann", "ann's secret");
            try (UserStore there = UserStore.open(other)) {
                there.addDomain("far.test");
                there.addUser("bob@far.test", "bob's secret".toCharArray());
            }
            assertTrue(Files.notExists(server.maildir("ann")), "the database made no Maildir");
            try (Pop3Client client = new Pop3Client(server.implicitTls())) {
                assertEquals("+OK logged in, 0 messages (0 octets)", client.login("ann@local.test", "ann's secret"));
            }
            assertTrue(Files.isDirectory(server.maildir("ann").resolve("new")), "the first login made it");
            try (Pop3Client client = new Pop3Client(server.implicitTls())) {
                assertEquals("-ERR [SYS/PERM] your mailbox is kept on mx2.example.net: set that host as your POP3"
                        + " server", client.login("bob@far.test", "bob's secret"));
            }
            POSTGRES.server().stop();
            // A lookup waits up to the pool's 3 s for a connection: the client waits far longer than that.
            try (Pop3Client client = new Pop3Client(server.implicitTls(), 120_000)) {
                assertEquals("-ERR [SYS/TEMP] cannot check passwords now, try again later",
                        client.login("ann@local.test", "ann's secret"), () -> "the database down: not a wrong"
                        + " password; log:\n" + server.log());
            } finally {
                POSTGRES.server().startAgain();
            }
            assertTrue(server.log().contains("login unavailable client=127.0.0.1"), server.log());
        }
    }
}
