package org.godshell.toaster.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The store on a temp prefix: round trip, verification, reloading, moving aside, permissions. */
class UserStoreTest {

    @TempDir
    Path prefix;

    private UserStore store;

    @BeforeEach
    void domain() throws Exception {
        Files.createDirectories(prefix.resolve("control"));
        store = UserStore.open(prefix);
        store.addDomain("example.test");
        store.addUser("ann@example.test", "correct horse".toCharArray());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ann@example.test | correct horse | true",
        "ANN@Example.Test | correct horse | true",
        "ann@example.test | correct horsE | false",
        "ann@example.test | ''            | false",
        "bob@example.test | correct horse | false",
        "ann@other.test   | correct horse | false",
        "ann@../etc       | correct horse | false",
        "ann              | correct horse | false",
    })
    void verify(String address, String password, boolean expected) {
        assertEquals(expected, store.verify(address, password.toCharArray()));
    }

    @Test
    void badInputIsFalseNeverAnException() {
        assertFalse(store.verify(null, "correct horse".toCharArray()));
        assertFalse(store.verify("ann@example.test", null));
        assertFalse(store.verify("ann\u0000@example.test", "correct horse".toCharArray()));
        assertFalse(store.verify("x".repeat(1 << 20), "y".repeat(1 << 20).toCharArray()));
        assertFalse(store.verify("ann@example.test", new char[] {'\uD800'}));
    }

    @Test
    void unknownUsersRunTheSameCryptAsWrongPasswords() {
        AtomicInteger calls = new AtomicInteger();
        UserStore counted = new UserStore(prefix, (key, salt) -> {
            calls.incrementAndGet();
            return PasswordHash.CRYPT3.crypt(key, salt);
        }, line -> { });
        for (String address : new String[] {"ann@example.test", "nobody@example.test", "x@nowhere.test", null,
            "a/b@example.test"}) {
            calls.set(0);
            assertFalse(counted.verify(address, "wrong password".toCharArray()));
            assertEquals(1, calls.get(), String.valueOf(address));
        }
        assertTrue(PasswordHash.DUMMY.startsWith("{SHA512-CRYPT}$6$rounds=5000$"));
    }

    @Test
    void roundTripAndListing() throws Exception {
        store.addUser("bob@example.test", "another secret".toCharArray());
        assertEquals(List.of("example.test"), store.domains());
        assertEquals(List.of("ann@example.test", "bob@example.test"), store.users("example.test").users());
        Path dir = prefix.resolve("domains/example.test");
        for (String sub : new String[] {"cur", "new", "tmp"}) {
            assertTrue(Files.isDirectory(dir.resolve("bob/Maildir").resolve(sub)));
        }
        String line = Files.readAllLines(dir.resolve("passwd")).get(1);
        assertTrue(line.matches("bob@example\\.test:\\{SHA512-CRYPT}\\$6\\$rounds=5000\\$[./0-9A-Za-z]{16}\\$[./0-9A-Za-z]{86}"
                + ":::" + ":" + java.util.regex.Pattern.quote(dir.resolve("bob").toString()) + "::"), line);
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("passwd"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("bob/Maildir"))));
        assertEquals(List.of("example.test"), Files.readAllLines(prefix.resolve("control/rcpthosts")));
    }

    @Test
    void anotherStoreSeesEditsWithoutRestart() throws Exception {
        UserStore server = UserStore.open(prefix);
        assertTrue(server.verify("ann@example.test", "correct horse".toCharArray()));
        store.setPassword("ann@example.test", "battery staple".toCharArray());
        assertFalse(server.verify("ann@example.test", "correct horse".toCharArray()));
        assertTrue(server.verify("ann@example.test", "battery staple".toCharArray()));
        store.removeUser("ann@example.test");
        assertFalse(server.verify("ann@example.test", "battery staple".toCharArray()));
    }

    @Test
    void removeKeepsTheMailAside() throws Exception {
        Path mail = prefix.resolve("domains/example.test/ann/Maildir/new/1.msg");
        Files.writeString(mail, "Subject: kept\n");
        Path aside = store.removeUser("ann@example.test").orElseThrow();
        assertTrue(aside.getFileName().toString().startsWith(".removed-ann-"));
        assertTrue(Files.exists(aside.resolve("Maildir/new/1.msg")));
        assertEquals(List.of(), store.users("example.test").users());
        assertThrows(UserStoreException.class, () -> store.removeUser("ann@example.test"));
    }

    @Test
    void removeDomainRefusesUsersUnlessForced() throws Exception {
        Files.writeString(prefix.resolve("control/rcpthosts"), "# ours\nexample.test\nother.test\n");
        UserStoreException e = assertThrows(UserStoreException.class, () -> store.removeDomain("example.test", false));
        assertTrue(e.getMessage().contains("--force"), e.getMessage());
        Path aside = store.removeDomain("Example.TEST", true).orElseThrow();
        assertTrue(aside.getFileName().toString().startsWith(".removed-example.test-"), aside.toString());
        assertTrue(Files.isDirectory(aside.resolve("ann/Maildir/new")));
        assertEquals(List.of("# ours", "other.test"), Files.readAllLines(prefix.resolve("control/rcpthosts")));
        assertEquals(List.of(), store.domains());
    }

    @Test
    void editErrorsSayWhat() {
        assertThrows(UserStoreException.class, () -> store.addDomain("example.test"));
        assertThrows(UserStoreException.class, () -> store.addUser("ann@example.test", "x".repeat(12).toCharArray()));
        assertThrows(UserStoreException.class, () -> store.addUser("x@nowhere.test", "x".repeat(12).toCharArray()));
        assertThrows(UserStoreException.class, () -> store.addUser("../x@example.test", "x".repeat(12).toCharArray()));
        assertThrows(UserStoreException.class, () -> store.setPassword("bob@example.test", "x".repeat(12).toCharArray()));
        assertThrows(UserStoreException.class, () -> store.addDomain("../etc"));
    }

    @Test
    void concurrentAddsFromTwoThreadsKeepBoth() throws Exception {
        int each = 5;
        Thread[] threads = new Thread[2];
        List<Throwable> failures = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        for (int t = 0; t < threads.length; t++) {
            int id = t;
            UserStore own = UserStore.open(prefix);
            threads[t] = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < each; i++) {
                    try {
                        own.addUser("t" + id + "u" + i + "@example.test", "long enough".toCharArray());
                    } catch (UserStoreException e) {
                        failures.add(e);
                    }
                }
            });
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(List.of(), failures);
        assertEquals(1 + 2 * each, store.users("example.test").users().size());
    }
}
