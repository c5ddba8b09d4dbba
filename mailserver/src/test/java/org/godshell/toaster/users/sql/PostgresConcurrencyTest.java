package org.godshell.toaster.users.sql;

import static org.godshell.toaster.users.sql.Fixture.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.godshell.toaster.users.UserStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two hosts (two backends, two pools) editing one domain at once. The test holds the domain's row lock itself
 * until both edits wait for it, as pg_stat_activity shows, so the two surely overlap; what each gets does not
 * depend on which runs first.
 */
class PostgresConcurrencyTest {

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private static PostgresServer server() {
        return POSTGRES.server();
    }

    @TempDir
    Path prefix;

    @FunctionalInterface
    private interface Edit {
        Object run(PostgresBackend backend) throws UserStoreException;
    }

    /** Runs {@code edit} on two backends at once while the domain's row is locked; each outcome, by backend. */
    private List<String> together(Fixture fixture, String domain, Edit first, Edit second) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (PostgresBackend one = fixture.open(); PostgresBackend two = fixture.open("mx2.example.net");
                Connection holder = server().connect(fixture.db.database())) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("SELECT 1 FROM domains WHERE name = ? FOR UPDATE")) {
                lock.setString(1, domain);
                lock.executeQuery().close();
            }
            List<Future<String>> outcomes = new ArrayList<>();
            for (Edit edit : List.of(first, second)) {
                PostgresBackend backend = outcomes.isEmpty() ? one : two;
                outcomes.add(threads.submit(() -> {
                    try {
                        return "ok " + edit.run(backend);
                    } catch (UserStoreException e) {
                        return e.getMessage();
                    }
                }));
            }
            waitForLockWaiters(holder, fixture.db.database(), 2);
            holder.commit();
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get());
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    /** Until {@code count} sessions of the database wait for a lock; the edits block there, nowhere else. */
    private static void waitForLockWaiters(Connection connection, String database, int count) throws Exception {
        try (PreparedStatement waiting = connection.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                + " WHERE datname = ? AND wait_event_type = 'Lock'")) {
            waiting.setString(1, database);
            for (int tries = 0; tries < 6000; tries++) {
                try (ResultSet row = waiting.executeQuery()) {
                    row.next();
                    if (row.getInt(1) >= count) {
                        return;
                    }
                }
                Thread.sleep(10);
            }
        }
        fail("the two edits never waited for the domain's lock");
    }

    @Test
    void twoHostsAddingTheSameUserOneWins() throws Exception {
        Fixture fixture = new Fixture(server(), prefix);
        try (PostgresBackend setup = fixture.open()) {
            setup.addDomain("example.org");
        }
        Edit add = backend -> {
            backend.addUser(user("ann@example.org"));
            return "added";
        };
        List<String> results = together(fixture, "example.org", add, add);
        assertEquals(1, results.stream().filter("ok added"::equals).count(), results.toString());
        assertTrue(results.contains("user ann@example.org exists already; toaster user passwd changes the password"),
                results.toString());
        try (PostgresBackend check = fixture.open()) {
            assertEquals(List.of("ann@example.org"), check.users("example.org").users());
        }
    }

    @Test
    void twoHostsAddingToOneAliasKeepBothTargets() throws Exception {
        Fixture fixture = new Fixture(server(), prefix);
        try (PostgresBackend setup = fixture.open()) {
            setup.addDomain("example.org");
            setup.addAlias("team", "example.org", List.of("first@example.net"));
        }
        List<String> results = together(fixture, "example.org",
                backend -> backend.addAlias("team", "example.org", List.of("one@example.net")),
                backend -> backend.addAlias("team", "example.org", List.of("two@example.net")));
        assertTrue(results.stream().allMatch(r -> r.startsWith("ok ")), results.toString());
        try (PostgresBackend check = fixture.open()) {
            List<String> targets = check.aliases("example.org").aliases().get("team@example.org");
            assertEquals(Set.of("first@example.net", "one@example.net", "two@example.net"), new HashSet<>(targets));
            assertEquals("first@example.net", targets.get(0));
        }
    }

    @Test
    void aDomainRemovedUnderAUserAddLeavesNoOrphan() throws Exception {
        Fixture fixture = new Fixture(server(), prefix);
        try (PostgresBackend setup = fixture.open()) {
            setup.addDomain("example.org");
        }
        List<String> results = together(fixture, "example.org",
                backend -> backend.removeDomain("example.org", false),
                backend -> {
                    backend.addUser(user("ann@example.org"));
                    return "added";
                });
        try (PostgresBackend check = fixture.open()) {
            if (results.get(0).startsWith("ok ")) {
                assertEquals("no domain example.org; toaster domain add example.org creates it", results.get(1));
                assertEquals(List.of(), check.domains());
            } else {
                assertEquals("ok added", results.get(1));
                assertTrue(results.get(0).startsWith("domain example.org has 1 user(s)"), results.toString());
                assertEquals(List.of("ann@example.org"), check.users("example.org").users());
            }
        }
    }

    @Test
    void twoHostsAddingTheSameDomainOneWins() throws Exception {
        Fixture fixture = new Fixture(server(), prefix);
        try (PostgresBackend one = fixture.open(); PostgresBackend two = fixture.open("mx2.example.net")) {
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                List<Future<String>> outcomes = new ArrayList<>();
                for (PostgresBackend backend : List.of(one, two)) {
                    outcomes.add(threads.submit(() -> {
                        start.await();
                        try {
                            backend.addDomain("example.org");
                            return "added";
                        } catch (UserStoreException e) {
                            return e.getMessage();
                        }
                    }));
                }
                start.countDown();
                List<String> results = List.of(outcomes.get(0).get(), outcomes.get(1).get());
                assertEquals(1, results.stream().filter("added"::equals).count(), results.toString());
                assertTrue(results.stream().anyMatch(r -> r.startsWith("domain example.org exists already")),
                        results.toString());
            } finally {
                threads.shutdownNow();
            }
        }
    }
}
