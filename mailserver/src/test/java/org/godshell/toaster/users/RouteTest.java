package org.godshell.toaster.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link UserStore#route}: users, aliases, plus-addressing, catch-all, postmaster, and what is not ours. */
class RouteTest {

    @TempDir
    Path prefix;

    private UserStore store;
    private Path aliases;

    @BeforeEach
    void domain() throws Exception {
        Files.createDirectories(prefix.resolve("control"));
        store = UserStore.open(prefix);
        store.addDomain("d.test");
        store.addUser("ann@d.test", "correct horse".toCharArray());
        aliases = prefix.resolve("domains/d.test/aliases");
        Files.writeString(aliases, "sales: ann@d.test, bob@far.test\n");
    }

    private Path maildir(String user) {
        return prefix.toAbsolutePath().normalize().resolve("domains/d.test").resolve(user).resolve("Maildir");
    }

    @Test
    void usersAndAliasesWithoutCase() throws Exception {
        assertEquals(new Route.Mailbox("ann@d.test", maildir("ann"), Optional.empty()), store.route("ANN@D.Test"));
        assertEquals(new Route.Forward(List.of("ann@d.test", "bob@far.test")), store.route("Sales@d.test"));
        assertEquals(new Route.NoSuchUser(), store.route("carol@d.test"));
    }

    @Test
    void plusAddressingPicksAnExistingSafeFolder() throws Exception {
        Files.createDirectories(maildir("ann").resolve(".lists"));
        assertEquals(new Route.Mailbox("ann@d.test", maildir("ann"), Optional.of("lists")),
                store.route("ann+Lists@d.test"));
        assertEquals(new Route.Mailbox("ann@d.test", maildir("ann"), Optional.empty()), store.route("ann+other@d.test"));
        assertEquals(new Route.Mailbox("ann@d.test", maildir("ann"), Optional.empty()), store.route("ann+@d.test"));
        assertEquals(new Route.Forward(List.of("ann@d.test", "bob@far.test")), store.route("sales+q3@d.test"));
        assertEquals(new Route.NoSuchUser(), store.route("+ann@d.test"));
        assertEquals(new Route.NoSuchUser(), store.route("carol+x@d.test"));
    }

    @Test
    void anExactAliasWinsOverPlusAddressing() throws Exception {
        Files.writeString(aliases, "ann+spam: bob@far.test\n");
        assertEquals(new Route.Forward(List.of("bob@far.test")), store.route("ann+spam@d.test"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ann+.hidden@d.test", "ann+..@d.test", "ann+a..b@d.test", "ann+x.@d.test"})
    void unsafeFolderTagsAreIgnored(String address) throws Exception {
        Files.createDirectories(maildir("ann").resolve(".x"));
        Route route = store.route(address);
        assertTrue(route instanceof Route.Mailbox m && m.folder().isEmpty() || route instanceof Route.NoSuchUser,
                route.toString());
        assertTrue(!Router.safeFolder("a/b") && !Router.safeFolder("a\u0001") && !Router.safeFolder(".x")
                && !Router.safeFolder("") && Router.safeFolder("lists.work"));
    }

    @Test
    void aSymlinkedFolderIsNotUsed() throws Exception {
        Files.createDirectories(maildir("ann"));
        Files.createSymbolicLink(maildir("ann").resolve(".evil"), prefix.resolve("control"));
        assertEquals(new Route.Mailbox("ann@d.test", maildir("ann"), Optional.empty()), store.route("ann+evil@d.test"));
    }

    @Test
    void theCatchAllTakesEverythingElseEvenOddLocalParts() throws Exception {
        Files.writeString(aliases, "*: ann@d.test\n");
        assertEquals(new Route.Forward(List.of("ann@d.test")), store.route("whoever@d.test"));
        assertEquals(new Route.Forward(List.of("ann@d.test")), store.route("o'brien@d.test"));
        assertEquals(new Route.Forward(List.of("ann@d.test")), store.route("ünï@d.test"));
        assertEquals(new Route.Mailbox("ann@d.test", maildir("ann"), Optional.empty()), store.route("ann@d.test"));
    }

    @Test
    void postmasterIsNeverRefused() throws Exception {
        assertEquals(new Route.Forward(List.of("ann@d.test")), store.route("PostMaster@d.test"),
                "the first user of the domain");
        assertEquals(new Route.Forward(List.of("ann@d.test")), store.route("postmaster+x@d.test"));
        Files.writeString(aliases, "*: boss@far.test\n");
        assertEquals(new Route.Forward(List.of("boss@far.test")), store.route("postmaster@d.test"),
                "the catch-all first");
        Files.writeString(aliases, "postmaster: hostmaster@far.test\n*: boss@far.test\n");
        assertEquals(new Route.Forward(List.of("hostmaster@far.test")), store.route("postmaster@d.test"));
        store.addDomain("empty.test");
        UserStoreException e = assertThrows(UserStoreException.class, () -> store.route("postmaster@empty.test"));
        assertTrue(e.getMessage().contains("toaster alias add postmaster@empty.test"), e.getMessage());
    }

    @Test
    void aBrokenAliasLineDefersItsMailInsteadOfBouncingIt() throws Exception {
        Files.writeString(aliases, "sales: ann@d.test, not-an-address\n*: ann@d.test\n");
        UserStoreException e = assertThrows(UserStoreException.class, () -> store.route("sales@d.test"));
        assertTrue(e.getMessage().contains("aliases:1"), e.getMessage());
        assertEquals(new Route.Forward(List.of("ann@d.test")), store.route("other@d.test"));
    }

    @Test
    void aUserWhosePasswordLineIsUnusableStillGetsMail() throws Exception {
        Files.writeString(prefix.resolve("domains/d.test/passwd"), "bob@d.test:{PLAIN}x:::::\n");
        assertEquals(new Route.Mailbox("bob@d.test", maildir("bob"), Optional.empty()), store.route("bob@d.test"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ann@far.test", "ann", "ann@", "ann@[127.0.0.1]", "ann@../d.test", "ann@d.test/..",
        "ann@D.TEST\u0000", "ann@dö.test", "@"})
    void otherDomainsAndNonsenseAreNotLocal(String address) throws Exception {
        assertEquals(new Route.NotLocal(), store.route(address));
    }

    @Test
    void nullAndHugeInputAreNotLocalOrNobody() throws Exception {
        assertEquals(new Route.NotLocal(), store.route(null));
        assertEquals(new Route.NoSuchUser(), store.route("x".repeat(100_000) + "@d.test"));
    }

    @Test
    void anUnreadableAliasesFileDefers() throws Exception {
        Files.setPosixFilePermissions(aliases, PosixFilePermissions.fromString("---------"));
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(aliases), "running as root");
        assertThrows(UserStoreException.class, () -> store.route("ann@d.test"));
    }

    @Test
    void anOversizedAliasesFileDefers() throws Exception {
        try (var channel = java.nio.channels.FileChannel.open(aliases, java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {'\n'}), FileBackend.MAX_ALIASES);
        }
        UserStoreException e = assertThrows(UserStoreException.class, () -> store.route("ann@d.test"));
        assertTrue(e.getMessage().contains("16 MB"), e.getMessage());
    }

    @Test
    void editsByAnotherProcessApplyAtTheNextLook() throws Exception {
        assertEquals(new Route.NoSuchUser(), store.route("info@d.test"));
        UserStore.open(prefix).addAlias("info@d.test", List.of("ann@d.test"));
        assertEquals(new Route.Forward(List.of("ann@d.test")), store.route("info@d.test"));
    }
}
