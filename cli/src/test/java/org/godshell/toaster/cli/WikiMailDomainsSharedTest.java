package org.godshell.toaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.config.UserDb;
import org.godshell.toaster.mailclients.ClientService.Protocol;
import org.godshell.toaster.users.UserStore;
import org.godshell.toaster.users.sql.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wiki's mail-client settings when the users are in a shared database: every domain of it is served, rcpthosts
 * or not, and clients are sent to the host that keeps the domain's mail.
 */
class WikiMailDomainsSharedTest {

    private static PostgresServer postgres;

    @TempDir
    Path here;
    @TempDir
    Path there;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static Path host(Path prefix, UserDb.Postgres db, String me) throws IOException {
        Path control = Files.createDirectories(prefix.resolve("control"));
        Files.writeString(control.resolve("me"), me + "\n");
        Files.writeString(control.resolve("userdb"), db + "\n");
        Files.writeString(control.resolve("listen-submission"), "0.0.0.0:587\n");
        Path secret = control.resolve("userdbpassword");
        Files.writeString(secret, postgres.password() + "\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        return control;
    }

    @Test
    void everyDomainOfTheDatabaseWithItsMailboxHost() throws Exception {
        UserDb.Postgres db = postgres.createDatabase("wiki_shared");
        Path control = host(here, db, "mx1.example.net");
        host(there, db, "mx2.example.net");
        try (UserStore users = UserStore.open(here); UserStore other = UserStore.open(there)) {
            users.addDomain("example.org");
            other.addDomain("example.com");
            WikiMailDomains domains = WikiMailDomains.open(users, new Controls(control, line -> { }),
                    "mx1.example.net", true, line -> { });
            assertEquals("mx1.example.net", domains.settings("example.org").orElseThrow().host());
            var elsewhere = domains.settings("example.com").orElseThrow();
            assertEquals("mx2.example.net", elsewhere.host());
            assertEquals(587, elsewhere.first(Protocol.SMTP).orElseThrow().port());
            assertEquals(Optional.empty(), domains.settings("example.net"));
        }
    }
}
