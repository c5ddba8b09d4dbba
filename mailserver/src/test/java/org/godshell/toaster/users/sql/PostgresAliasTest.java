package org.godshell.toaster.users.sql;

import static org.godshell.toaster.users.sql.Fixture.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.godshell.toaster.users.UserBackend;
import org.godshell.toaster.users.UserBackend.AliasLookup;
import org.godshell.toaster.users.UserStore;
import org.godshell.toaster.users.UserStoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Aliases and the catch-all against a real PostgreSQL, with users.AliasEdits's rules. */
class PostgresAliasTest {

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
        backend.addUser(user("ann@example.org"));
    }

    @AfterEach
    void close() {
        backend.close();
    }

    private AliasLookup lookup(String name) throws UserStoreException {
        return backend.domain("example.org").orElseThrow().alias(name);
    }

    @Test
    void addingIsAUnionThatKeepsTheOrder() throws Exception {
        assertEquals(List.of("b@example.net", "a@example.net"),
                backend.addAlias("info", "example.org", List.of("b@example.net", "a@example.net")));
        assertEquals(List.of("b@example.net", "a@example.net", "c@example.net"),
                backend.addAlias("info", "example.org", List.of("a@example.net", "c@example.net", "b@example.net")));
        assertEquals(new AliasLookup.Targets(List.of("b@example.net", "a@example.net", "c@example.net")),
                lookup("info"));
        assertEquals(new AliasLookup.None(), lookup("sales"));
    }

    @Test
    void targetsAddedAfterARemovalComeLast() throws Exception {
        backend.addAlias("info", "example.org", List.of("a@example.net", "b@example.net", "c@example.net"));
        backend.removeAlias("info", "example.org", List.of("a@example.net"));
        assertEquals(List.of("b@example.net", "c@example.net", "a@example.net"),
                backend.addAlias("info", "example.org", List.of("a@example.net")));
        assertEquals(new AliasLookup.Targets(List.of("b@example.net", "c@example.net", "a@example.net")),
                lookup("info"));
    }

    @Test
    void removingTargetsOrTheWholeAlias() throws Exception {
        backend.addAlias("info", "example.org", List.of("a@example.net", "b@example.net", "c@example.net"));
        assertEquals(List.of("a@example.net", "c@example.net"),
                backend.removeAlias("info", "example.org", List.of("b@example.net")));
        UserStoreException absent = assertThrows(UserStoreException.class,
                () -> backend.removeAlias("info", "example.org", List.of("x@example.net")));
        assertEquals("x@example.net is not a target of info@example.org; its targets are a@example.net,"
                + " c@example.net", absent.getMessage());
        assertEquals(List.of(), backend.removeAlias("info", "example.org", List.of()));
        assertEquals(new AliasLookup.None(), lookup("info"));
        UserStoreException gone = assertThrows(UserStoreException.class,
                () -> backend.removeAlias("info", "example.org", List.of()));
        assertEquals("no alias info@example.org", gone.getMessage());
        backend.addAlias("two", "example.org", List.of("a@example.net", "b@example.net"));
        assertEquals(List.of(), backend.removeAlias("two", "example.org", List.of("b@example.net", "a@example.net")));
        assertEquals(new AliasLookup.None(), lookup("two"));
    }

    @Test
    void anAliasCannotHaveAUsersNameNorAnUnknownDomain() throws Exception {
        UserStoreException user = assertThrows(UserStoreException.class,
                () -> backend.addAlias("ann", "example.org", List.of("a@example.net")));
        assertTrue(user.getMessage().startsWith("ann@example.org is a user (in the user database at 127.0.0.1:"),
                user.getMessage());
        assertTrue(user.getMessage().endsWith("an alias cannot have a user's address: pick another name, or remove"
                + " the user first"), user.getMessage());
        UserStoreException domain = assertThrows(UserStoreException.class,
                () -> backend.addAlias("info", "example.com", List.of("a@example.net")));
        assertEquals("no domain example.com; toaster domain add example.com creates it", domain.getMessage());
        UserStoreException none = assertThrows(UserStoreException.class,
                () -> backend.addAlias("info", "example.org", List.of()));
        assertEquals("no target for info@example.org: give at least one address", none.getMessage());
    }

    @Test
    void theCatchAllsSameDomainTargetsMustReachAUserOrAnAlias() throws Exception {
        UserStoreException e = assertThrows(UserStoreException.class,
                () -> backend.addAlias("*", "example.org", List.of("nobody@example.org")));
        assertEquals("nobody@example.org is neither a user nor an alias of example.org, so its mail would come back"
                + " to the catch-all: add that user or alias first", e.getMessage());
        backend.addAlias("sales", "example.org", List.of("a@example.net"));
        assertEquals(List.of("Ann@example.org", "ann+spam@example.org", "sales@example.org", "x@sub.example.org",
                "nobody@example.net"), backend.addAlias("*", "example.org", List.of("Ann@example.org",
                "ann+spam@example.org", "sales@example.org", "x@sub.example.org", "nobody@example.net")));
        assertEquals(List.of("Ann@example.org", "ann+spam@example.org", "sales@example.org", "x@sub.example.org",
                "nobody@example.net"), backend.aliases("example.org").aliases().get("*@example.org"));
        assertEquals(new AliasLookup.Targets(List.of("Ann@example.org", "ann+spam@example.org", "sales@example.org",
                "x@sub.example.org", "nobody@example.net")), lookup(UserBackend.CATCH_ALL));
    }

    @Test
    void aRefusalHalfWayAddsNothing() throws Exception {
        assertThrows(UserStoreException.class, () -> backend.addAlias("*", "example.org",
                List.of("elsewhere@example.net", "nobody@example.org")));
        assertEquals(new AliasLookup.None(), lookup(UserBackend.CATCH_ALL));
        backend.addAlias("info", "example.org", List.of("a@example.net"));
        assertThrows(UserStoreException.class, () -> backend.removeAlias("info", "example.org",
                List.of("a@example.net", "absent@example.net")));
        assertEquals(new AliasLookup.Targets(List.of("a@example.net")), lookup("info"));
    }

    @Test
    void atMostMaxTargets() throws Exception {
        List<String> thousand = IntStream.range(0, UserBackend.MAX_ALIAS_TARGETS)
                .mapToObj(i -> "t" + i + "@example.net").toList();
        assertEquals(thousand, backend.addAlias("list", "example.org", thousand));
        UserStoreException e = assertThrows(UserStoreException.class,
                () -> backend.addAlias("list", "example.org", List.of("one-more@example.net")));
        assertEquals("list@example.org would have 1001 targets; at most 1000 are allowed: use list software for"
                + " larger lists", e.getMessage());
        assertEquals(new AliasLookup.Targets(thousand), lookup("list"));
        assertEquals(thousand, backend.addAlias("list", "example.org", List.of("t0@example.net")));
    }

    @Test
    void theListingShowsAliasesAndTheirProblems() throws Exception {
        backend.addAlias("sales", "example.org", List.of("a@example.net"));
        backend.addAlias("bob", "example.org", List.of("b@example.net"));
        backend.addAlias("*", "example.org", List.of("ann@example.org"));
        backend.addUser(user("bob@example.org"));
        UserStore.Aliases aliases = backend.aliases("example.org");
        assertEquals(List.of("*@example.org", "bob@example.org", "sales@example.org"),
                List.copyOf(aliases.aliases().keySet()));
        assertEquals(1, aliases.problems().size(), aliases.problems().toString());
        assertTrue(aliases.problems().get(0).endsWith(": the alias bob@example.org: bob@example.org is also a user,"
                + " who gets its mail: remove the alias or the user"), aliases.problems().get(0));
        assertEquals(List.of(), backend.aliases("example.com").aliases().keySet().stream().toList());
    }

    @Test
    void anAliasGrownPastTheLimitByHandIsBrokenNotCut() throws Exception {
        try (Connection connection = server().connect(fixture.db.database());
                PreparedStatement insert = connection.prepareStatement("INSERT INTO aliases (domain, name, target,"
                        + " position) SELECT 'example.org', 'big', 'u' || i || '@example.net', i"
                        + " FROM generate_series(1, ?) AS i")) {
            insert.setInt(1, UserBackend.MAX_ALIAS_TARGETS + 1);
            insert.executeUpdate();
        }
        AliasLookup.Broken broken = assertInstanceOf(AliasLookup.Broken.class, lookup("big"));
        assertTrue(broken.problem().contains("the alias big@example.org cannot be used: it has more than 1000"
                + " targets"), broken.problem());
        UserStore.Aliases aliases = backend.aliases("example.org");
        assertEquals(Map.of(), aliases.aliases());
        assertTrue(aliases.problems().get(0).endsWith("toaster alias remove big@example.org drops it"),
                aliases.problems().toString());
        UserStoreException add = assertThrows(UserStoreException.class,
                () -> backend.addAlias("big", "example.org", List.of("x@example.net")));
        assertTrue(add.getMessage().contains("cannot be used"), add.getMessage());
        assertEquals(List.of(), backend.removeAlias("big", "example.org", List.of()));
        assertEquals(new AliasLookup.None(), lookup("big"));
    }
}
