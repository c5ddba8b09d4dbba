package org.godshell.toaster.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** control/passwordrehash: old hashes rewritten as SHA512-CRYPT at a successful login, and only then. */
class RehashTest {

    /** python3: crypt.crypt('password', 'ab'). */
    private static final String DES = "{CRYPT}abJnggxhB/yWI";
    /** openssl passwd -1 -salt saltsalt password. */
    private static final String MD5 = "{MD5-CRYPT}$1$saltsalt$qjXMvbEw8oaL.CzflDtaK/";
    /** openssl passwd -5 -salt abcdefgh 'correct horse'. */
    private static final String SHA256 = "{SHA256-CRYPT}$5$abcdefgh$ruMep1ijHnJPZbETDNiumskxcX3kN4lzZd5VlsqE7eB";

    @TempDir
    Path prefix;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private UserStore store;
    private Path passwd;

    @BeforeEach
    void domain() throws Exception {
        Files.createDirectories(prefix.resolve("control"));
        store = UserStore.open(prefix, log::add);
        store.addDomain("d.test");
        passwd = prefix.resolve("domains/d.test/passwd");
        Files.writeString(passwd, "# moved from the old toaster\n"
                + "des@d.test:" + DES + ":89:89:Des Crypt:/old/des::userdb_quota_rule=*:storage=1G\n"
                + "md5@d.test:" + MD5 + ":::" + ":" + prefix.resolve("domains/d.test/md5") + "::\n"
                + "sha@d.test:" + SHA256 + ":::" + ":" + prefix.resolve("domains/d.test/sha") + "::\n");
    }

    @Test
    void offByDefaultTheOldHashesStayAndWork() throws Exception {
        String before = Files.readString(passwd);
        assertTrue(store.verify("des@d.test", "password".toCharArray()));
        assertTrue(store.verify("md5@d.test", "password".toCharArray()));
        assertTrue(store.verify("sha@d.test", "correct horse".toCharArray()));
        assertEquals(before, Files.readString(passwd));
        assertEquals(List.of(), log);
    }

    @Test
    void noSaysTheSame() throws Exception {
        Files.writeString(prefix.resolve("control/passwordrehash"), "no\n");
        String before = Files.readString(passwd);
        assertTrue(store.verify("md5@d.test", "password".toCharArray()));
        assertEquals(before, Files.readString(passwd));
    }

    @ParameterizedTest
    @ValueSource(strings = {"md5@d.test", "sha@d.test"})
    void onALoginRewritesTheHashAsSha512CryptKeepingTheLine(String user) throws Exception {
        Files.writeString(prefix.resolve("control/passwordrehash"), "yes\n");
        String password = user.startsWith("sha") ? "correct horse" : "password";
        String old = line(user);
        assertTrue(store.verify(user, password.toCharArray()));
        String fresh = line(user);
        assertTrue(fresh.matches(java.util.regex.Pattern.quote(user) + ":\\{SHA512-CRYPT}\\$6\\$rounds=5000\\$.*"), fresh);
        assertEquals(old.substring(old.indexOf(':', user.length() + 1)), fresh.substring(fresh.indexOf(':',
                user.length() + 1)), "only the password field changes");
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(passwd)));
        assertTrue(store.verify(user, password.toCharArray()), "the new hash is of the same password");
        assertFalse(store.verify(user, "wrong password".toCharArray()));
        assertEquals(1, log.size(), log.toString());
        assertTrue(log.get(0).startsWith("password of " + user + " rehashed from {"), log.get(0));
        assertTrue(Files.readString(passwd).startsWith("# moved from the old toaster\n"), "comments stay");
    }

    @Test
    void desRehashKeepsGecosUidAndExtraFieldsAndNowReadsTheWholePassword() throws Exception {
        Files.writeString(prefix.resolve("control/passwordrehash"), "yes\n");
        assertTrue(store.verify("des@d.test", "password123".toCharArray()), "DES reads 8 characters");
        String fresh = line("des@d.test");
        assertTrue(fresh.startsWith("des@d.test:{SHA512-CRYPT}$6$"), fresh);
        assertTrue(fresh.endsWith(":89:89:Des Crypt:/old/des::userdb_quota_rule=*:storage=1G"), fresh);
        assertTrue(store.verify("des@d.test", "password123".toCharArray()));
        assertFalse(store.verify("des@d.test", "password".toCharArray()), "after the rehash every character counts");
    }

    @Test
    void aWrongPasswordNeverRehashes() throws Exception {
        Files.writeString(prefix.resolve("control/passwordrehash"), "yes\n");
        String before = Files.readString(passwd);
        assertFalse(store.verify("md5@d.test", "wrong password".toCharArray()));
        assertFalse(store.verify("md5@d.test", new char[0]));
        assertFalse(store.verify("nobody@d.test", "password".toCharArray()));
        assertEquals(before, Files.readString(passwd));
        assertEquals(List.of(), log);
    }

    @Test
    void theDefaultSchemeAndScramAreNeverRewritten() throws Exception {
        Files.writeString(prefix.resolve("control/passwordrehash"), "yes\n");
        store.addUser("new@d.test", "long enough".toCharArray());
        store.addUser("scram@d.test", "long enough".toCharArray(), PasswordScheme.SCRAM_SHA_256);
        String before = Files.readString(passwd);
        assertTrue(store.verify("new@d.test", "long enough".toCharArray()));
        assertTrue(store.verify("scram@d.test", "long enough".toCharArray()));
        assertEquals(before, Files.readString(passwd));
    }

    @Test
    void aPasswordSetWhileTheLoginRanIsKept() throws Exception {
        Files.writeString(prefix.resolve("control/passwordrehash"), "yes\n");
        UserStore admin = UserStore.open(prefix, line -> { });
        // The admin's edit lands between the login's read of the file and its rehash: inside the login's crypt.
        UserStore racing = new UserStore(prefix, (key, salt) -> {
            if (salt.startsWith("$1$")) {
                try {
                    admin.setPassword("md5@d.test", "newer password".toCharArray());
                } catch (UserStoreException e) {
                    throw new IllegalStateException(e);
                }
            }
            return PasswordHash.CRYPT3.crypt(key, salt);
        }, log::add);
        assertTrue(racing.verify("md5@d.test", "password".toCharArray()), "the password was right when read");
        assertEquals(List.of("password of md5@d.test changed since the login read it; not rehashed"), log);
        assertTrue(store.verify("md5@d.test", "newer password".toCharArray()));
        assertFalse(store.verify("md5@d.test", "password".toCharArray()));
    }

    @Test
    void aFailedRewriteIsLoggedAndTheLoginStillSucceeds() throws Exception {
        Files.writeString(prefix.resolve("control/passwordrehash"), "yes\n");
        // The store lock cannot be opened (root ignores modes, so a directory stands in its way).
        Path lock = prefix.resolve("domains/.lock");
        Files.deleteIfExists(lock);
        Files.createDirectory(lock);
        assertTrue(store.verify("md5@d.test", "password".toCharArray()));
        assertEquals(MD5, line("md5@d.test").split(":")[1]);
        assertEquals(1, log.size(), log.toString());
        assertTrue(log.get(0).startsWith("cannot rehash the password of md5@d.test, which keeps its {MD5-CRYPT}"
                + " hash: "), log.get(0));
    }

    @Test
    void aBadSettingIsNoAndIsLoggedOnce() throws Exception {
        Files.writeString(prefix.resolve("control/passwordrehash"), "on\n");
        String before = Files.readString(passwd);
        assertTrue(store.verify("md5@d.test", "password".toCharArray()));
        assertTrue(store.verify("md5@d.test", "password".toCharArray()));
        assertEquals(before, Files.readString(passwd));
        assertEquals(1, log.size(), log.toString());
        assertTrue(log.get(0).contains("passwordrehash:1: \"on\" is neither yes nor no"), log.get(0));
    }

    @Test
    void concurrentLoginsRehashOnceAndKeepEveryUser() throws Exception {
        Files.writeString(prefix.resolve("control/passwordrehash"), "yes\n");
        Thread[] threads = new Thread[4];
        List<Boolean> answers = new CopyOnWriteArrayList<>();
        for (int t = 0; t < threads.length; t++) {
            UserStore own = UserStore.open(prefix, log::add);
            String user = t % 2 == 0 ? "md5@d.test" : "des@d.test";
            threads[t] = Thread.ofPlatform().start(() -> answers.add(own.verify(user, "password".toCharArray())));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(List.of(true, true, true, true), answers);
        assertEquals(2, log.stream().filter(l -> l.contains(" rehashed from ")).count(), log.toString());
        assertTrue(line("md5@d.test").contains("{SHA512-CRYPT}"));
        assertTrue(line("des@d.test").contains("{SHA512-CRYPT}"));
        assertEquals(List.of("des@d.test", "md5@d.test", "sha@d.test"), store.users("d.test").users());
    }

    private String line(String user) throws Exception {
        return Files.readAllLines(passwd).stream().filter(l -> l.startsWith(user + ":")).findFirst().orElseThrow();
    }
}
