package org.godshell.toaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.config.UserDb;
import org.godshell.toaster.mailclients.ClientService.Protocol;
import org.godshell.toaster.users.UserStore;
import org.godshell.toaster.users.sql.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wiki's mail-client settings when the users are in a shared database: every domain of it is served, rcpthosts
 * or not, and clients are sent to the host that keeps the domain's mail.
 */
class WikiMailDomainsSharedTest {

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @TempDir
    Path here;
    @TempDir
    Path there;

    @Test
    void everyDomainOfTheDatabaseWithItsMailboxHost() throws Exception {
        UserDb.Postgres db = POSTGRES.newDatabase();
        POSTGRES.shareUsers(here, db, "mx1.example.net");
        POSTGRES.shareUsers(there, db, "mx2.example.net");
        Path control = here.resolve("control");
        Files.writeString(control.resolve("listen-submission"), "0.0.0.0:587\n");
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
