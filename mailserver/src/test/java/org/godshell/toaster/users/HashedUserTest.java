package org.godshell.toaster.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link UserStore#addHashedUser}: the import's way in, checked as a passwd line is, never overwriting. */
class HashedUserTest {

    /** Made with {@code openssl passwd -6 -salt Zq8RtY2uIo0PlK1m secret}. */
    static final String SHA512 = "{SHA512-CRYPT}$6$Zq8RtY2uIo0PlK1m$5LPrNU.1EdhwVsZ0lIBJHjj1ztggsPMuM.icicF1g7Ohf6M8O4"
            + "HajLUfyW7UDOi1Zp0eDifUseurdzKEL.Y3v0";

    @TempDir
    Path prefix;

    private UserStore store;

    @BeforeEach
    void domain() throws Exception {
        Files.createDirectories(prefix.resolve("control"));
        store = UserStore.open(prefix);
        store.addDomain("example.test");
    }

    @Test
    void theOldHashLogsInAndTheNameAndQuotaAreKept() throws Exception {
        store.addHashedUser("ann@example.test", SHA512, "Ann Example", "52428800b");
        assertTrue(store.verify("ann@example.test", "secret".toCharArray()));
        assertFalse(store.verify("ann@example.test", "Secret".toCharArray()));
        assertEquals(OptionalLong.of(52428800), store.quota("ann@example.test"));
        String line = Files.readAllLines(prefix.resolve("domains/example.test/passwd")).getFirst();
        assertEquals("ann@example.test:" + SHA512 + ":::Ann Example:" + prefix.toAbsolutePath().normalize()
                .resolve("domains/example.test/ann") + "::userdb_quota_rule=*:storage=52428800b", line);
        assertTrue(Files.isDirectory(prefix.resolve("domains/example.test/ann/Maildir/new")));
        assertTrue(store.storedPasswordIs("ann@example.test", SHA512));
        assertFalse(store.storedPasswordIs("ann@example.test", SHA512.replace("Zq8", "Zq9")));
        assertFalse(store.storedPasswordIs("bob@example.test", SHA512));
    }

    @Test
    void anExistingUserIsNeverOverwritten() throws Exception {
        store.addUser("ann@example.test", "mine".toCharArray());
        assertThrows(UserStoreException.class, () -> store.addHashedUser("ann@example.test", SHA512, "", ""));
        assertTrue(store.verify("ann@example.test", "mine".toCharArray()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "secret", "{PLAIN}secret", "{SHA512-CRYPT}$6$short$abc", "{SHA512-CRYPT}x:y"})
    void aFieldTheStoreCannotReadIsRefused(String field) throws Exception {
        assertThrows(UserStoreException.class, () -> store.addHashedUser("ann@example.test", field, "", ""));
        assertEquals(List.of(), store.users("example.test").users());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ann:Example", "Ann\nbob@example.test", "tab\there\u0000"})
    void aFullNameThatWouldBreakTheLineIsRefused(String gecos) {
        assertThrows(UserStoreException.class, () -> store.addHashedUser("ann@example.test", SHA512, gecos, ""));
    }

    @Test
    void aBadQuotaIsRefused() {
        assertThrows(UserStoreException.class, () -> store.addHashedUser("ann@example.test", SHA512, "", "lots"));
    }
}
