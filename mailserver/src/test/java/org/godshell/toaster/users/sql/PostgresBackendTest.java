package org.godshell.toaster.users.sql;

import static org.godshell.toaster.users.sql.Fixture.address;
import static org.godshell.toaster.users.sql.Fixture.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.godshell.toaster.users.UserBackend;
import org.godshell.toaster.users.UserBackend.DomainView;
import org.godshell.toaster.users.UserBackend.QuotaSize;
import org.godshell.toaster.users.UserStoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The domain and user operations against a real PostgreSQL, one fresh database per test. */
class PostgresBackendTest {

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private static PostgresServer server() {
        return POSTGRES.server();
    }

    @TempDir
    Path prefix;
    private Fixture fixture;
    private PostgresBackend backend;

    @BeforeEach
    void open() throws Exception {
        fixture = new Fixture(server(), prefix);
        backend = fixture.open();
        backend.addDomain("example.org");
    }

    @AfterEach
    void close() {
        backend.close();
    }

    @Test
    void domainsAreSortedAndUnknownOnesEmpty() throws Exception {
        backend.addDomain("b.example");
        backend.addDomain("a.example");
        assertEquals(List.of("a.example", "b.example", "example.org"), backend.domains());
        assertTrue(backend.domain("example.org").isPresent());
        assertEquals(Optional.empty(), backend.domain("example.com"));
        assertEquals(1, fixture.log.size(), fixture.log.toString());
        assertFalse(fixture.log.get(0).contains(server().password()));
    }

    @Test
    void anExistingDomainIsRefused() {
        UserStoreException e = assertThrows(UserStoreException.class, () -> backend.addDomain("example.org"));
        assertTrue(e.getMessage().startsWith("domain example.org exists already"), e.getMessage());
    }

    @Test
    void theMailboxHostIsEmptyOnlyForThisHostWhateverItsCase() throws Exception {
        assertEquals(Optional.empty(), backend.domain("example.org").orElseThrow().mailboxHost());
        try (PostgresBackend other = fixture.open("MX2.example.NET");
                PostgresBackend same = fixture.open("MX1.Example.Net")) {
            other.addDomain("elsewhere.example");
            assertEquals(Optional.of("MX2.example.NET"),
                    backend.domain("elsewhere.example").orElseThrow().mailboxHost());
            assertEquals(Optional.empty(), other.domain("elsewhere.example").orElseThrow().mailboxHost());
            assertEquals(Optional.empty(), same.domain("example.org").orElseThrow().mailboxHost());
        }
    }

    @Test
    void usersAreListedInTheOrderAddedAndTheFirstGetsPostmaster() throws Exception {
        DomainView view = backend.domain("example.org").orElseThrow();
        assertEquals(Optional.empty(), view.firstMailbox());
        for (String name : List.of("zed", "ann", "moe")) {
            backend.addUser(user(name + "@example.org"));
        }
        assertEquals(List.of("zed@example.org", "ann@example.org", "moe@example.org"),
                backend.users("example.org").users());
        assertEquals(List.of(), backend.users("example.org").problems());
        assertEquals(Optional.of("zed@example.org"), view.firstMailbox());
        backend.removeUser(address("zed@example.org"));
        assertEquals(Optional.of("ann@example.org"), view.firstMailbox());
        assertEquals(List.of(), backend.users("example.com").users());
    }

    @Test
    void aUserCanLogInAndHasAMailbox() throws Exception {
        backend.addUser(new UserBackend.NewUser(address("ann@example.org"), Fixture.PASSWORD, "Ann Example",
                Optional.of(new QuotaSize("500M", 500L << 20))));
        DomainView view = backend.domain("example.org").orElseThrow();
        UserBackend.Login login = view.login("ann").orElseThrow();
        assertEquals(address("ann@example.org"), login.address());
        assertEquals(Fixture.PASSWORD, login.password());
        assertEquals(OptionalLong.of(500L << 20), login.quota());
        assertTrue(view.hasMailbox("ann"));
        assertFalse(view.hasMailbox("bob"));
        assertEquals(Optional.empty(), view.login("bob"));
    }

    @Test
    void anExistingUserOrAnUnknownDomainIsRefused() throws Exception {
        backend.addUser(user("ann@example.org"));
        UserStoreException twice = assertThrows(UserStoreException.class,
                () -> backend.addUser(user("ann@example.org")));
        assertEquals("user ann@example.org exists already; toaster user passwd changes the password",
                twice.getMessage());
        UserStoreException unknown = assertThrows(UserStoreException.class,
                () -> backend.addUser(user("ann@example.com")));
        assertEquals("no domain example.com; toaster domain add example.com creates it", unknown.getMessage());
    }

    @Test
    void quotasAreSetChangedAndRemovedInBothColumns() throws Exception {
        backend.addUser(user("ann@example.org"));
        DomainView view = backend.domain("example.org").orElseThrow();
        assertEquals(OptionalLong.empty(), view.login("ann").orElseThrow().quota());
        backend.setQuota(address("ann@example.org"), Optional.of(new QuotaSize("2G", 2L << 30)));
        assertEquals(OptionalLong.of(2L << 30), view.login("ann").orElseThrow().quota());
        assertEquals("2G", column("SELECT quota FROM users WHERE address = 'ann@example.org'"));
        backend.setQuota(address("ann@example.org"), Optional.empty());
        assertEquals(OptionalLong.empty(), view.login("ann").orElseThrow().quota());
        assertEquals(null, column("SELECT quota FROM users WHERE address = 'ann@example.org'"));
        UserStoreException e = assertThrows(UserStoreException.class,
                () -> backend.setQuota(address("bob@example.org"), Optional.empty()));
        assertEquals("no user bob@example.org; toaster user add creates it", e.getMessage());
    }

    @Test
    void passwordsAreReplacedAndARehashOnlyWhileTheOldOneStands() throws Exception {
        backend.addUser(user("ann@example.org"));
        DomainView view = backend.domain("example.org").orElseThrow();
        backend.setPassword(address("ann@example.org"), "{SHA512-CRYPT}$6$new$one");
        assertEquals("{SHA512-CRYPT}$6$new$one", view.login("ann").orElseThrow().password());
        assertFalse(backend.replacePassword(address("ann@example.org"), Fixture.PASSWORD, "{SHA512-CRYPT}$6$x$y"));
        assertTrue(backend.replacePassword(address("ann@example.org"), "{SHA512-CRYPT}$6$new$one",
                "{SHA512-CRYPT}$6$re$hashed"));
        assertEquals("{SHA512-CRYPT}$6$re$hashed", view.login("ann").orElseThrow().password());
        assertFalse(backend.replacePassword(address("bob@example.org"), "a", "{X}b"));
        UserStoreException e = assertThrows(UserStoreException.class,
                () -> backend.setPassword(address("bob@example.org"), Fixture.PASSWORD));
        assertEquals("no user bob@example.org; toaster user add creates it", e.getMessage());
        UserStoreException domain = assertThrows(UserStoreException.class,
                () -> backend.setPassword(address("bob@example.com"), Fixture.PASSWORD));
        assertEquals("no domain example.com; toaster domain add example.com creates it", domain.getMessage());
    }

    @Test
    void anAddedDomainHasItsDirectoryOnThisHostForItsKeysAndMaildirs() throws Exception {
        Path dir = prefix.resolve("domains/example.org");
        assertTrue(Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        Path kept = Files.createDirectories(prefix.resolve("domains/kept.example/ann/Maildir"));
        backend.addDomain("kept.example");
        assertTrue(Files.isDirectory(kept), "a directory already there is kept with what it holds");
    }

    @Test
    void aLinkInPlaceOfTheDomainsDirectoryIsNeitherFollowedNorReplaced(@TempDir Path outside) throws Exception {
        Path link = Files.createSymbolicLink(prefix.resolve("domains/linked.example"), outside);
        UserStoreException e = assertThrows(UserStoreException.class, () -> backend.addDomain("linked.example"));
        assertTrue(e.getMessage().startsWith("domain linked.example is added to the user database, but its"
                + " directory " + prefix.toAbsolutePath().resolve("domains/linked.example") + " could not be made"),
                e.getMessage());
        assertTrue(Files.isSymbolicLink(link));
        try (Stream<Path> files = Files.list(outside)) {
            assertEquals(0, files.count());
        }
        assertTrue(backend.domain("linked.example").isPresent(), "the row stays: the message says what to make");
    }

    @Test
    void aRemovedUsersDirectoryIsMovedAsideOnItsMailboxHost() throws Exception {
        backend.addUser(user("ann@example.org"));
        backend.addUser(user("bob@example.org"));
        Path home = Files.createDirectories(prefix.resolve("domains/example.org/ann/Maildir/new"));
        Files.writeString(home.resolve("1.mail"), "Subject: kept\r\n\r\n");
        Path aside = backend.removeUser(address("ann@example.org")).orElseThrow();
        assertTrue(aside.getFileName().toString().startsWith(".removed-ann-"), aside.toString());
        assertEquals(prefix.toAbsolutePath().resolve("domains/example.org"), aside.getParent());
        assertTrue(Files.isRegularFile(aside.resolve("Maildir/new/1.mail")));
        assertFalse(backend.domain("example.org").orElseThrow().hasMailbox("ann"));
        // No directory here: nothing to move.
        assertEquals(Optional.empty(), backend.removeUser(address("bob@example.org")));
        UserStoreException e = assertThrows(UserStoreException.class,
                () -> backend.removeUser(address("ann@example.org")));
        assertEquals("no user ann@example.org", e.getMessage());
    }

    @Test
    void anotherHostsDomainKeepsItsDirectoriesHere() throws Exception {
        try (PostgresBackend other = fixture.open("mx2.example.net")) {
            other.addDomain("elsewhere.example");
            other.addUser(user("ann@elsewhere.example"));
            Path home = Files.createDirectories(prefix.resolve("domains/elsewhere.example/ann"));
            assertEquals(Optional.empty(), backend.removeUser(address("ann@elsewhere.example")));
            assertEquals(Optional.empty(), backend.removeDomain("elsewhere.example", false));
            assertTrue(Files.isDirectory(home));
        }
    }

    @Test
    void aDomainWithUsersIsRemovedOnlyWhenForced() throws Exception {
        backend.addUser(user("ann@example.org"));
        backend.addAlias("info", "example.org", List.of("ann@example.org"));
        Files.createDirectories(prefix.resolve("domains/example.org/ann/Maildir"));
        UserStoreException e = assertThrows(UserStoreException.class,
                () -> backend.removeDomain("example.org", false));
        assertEquals("domain example.org has 1 user(s); remove them first, or use --force to move the whole"
                + " domain aside with their mail", e.getMessage());
        assertTrue(backend.domain("example.org").isPresent());
        Path aside = backend.removeDomain("example.org", true).orElseThrow();
        assertTrue(aside.getFileName().toString().startsWith(".removed-example.org-"), aside.toString());
        assertTrue(Files.isDirectory(aside.resolve("ann/Maildir")));
        assertEquals(Optional.empty(), backend.domain("example.org"));
        assertEquals("0", column("SELECT count(*) FROM users"));
        assertEquals("0", column("SELECT count(*) FROM aliases"));
        backend.addDomain("example.org");
        assertEquals(List.of(), backend.users("example.org").users());
        assertTrue(Files.isDirectory(prefix.resolve("domains/example.org")), "made again by the add");
        assertTrue(backend.removeDomain("example.org", false).isPresent());
        UserStoreException unknown = assertThrows(UserStoreException.class,
                () -> backend.removeDomain("example.org", false));
        assertEquals("no domain example.org; toaster domain add example.org creates it", unknown.getMessage());
    }

    private String column(String sql) throws Exception {
        try (Connection connection = server().connect(fixture.db.database());
                Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }
}
