package org.godshell.toaster.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuotaTest {

    @TempDir
    Path prefix;

    @ParameterizedTest
    @CsvSource({"1G, 1073741824", "500M, 524288000", "500m, 524288000", "100, 102400", "100k, 102400",
        "4096b, 4096", "2T, 2199023255552"})
    void sizesAreReadAsDovecotReadsThem(String size, long bytes) {
        assertEquals(OptionalLong.of(bytes), Quota.parse("userdb_quota_rule=*:storage=" + size));
        assertEquals(OptionalLong.of(bytes), Quota.parse("userdb_mail=maildir:~/Maildir userdb_quota_rule=*:storage="
                + size + " nopassword"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "userdb_quota_rule=*:storage=0", "userdb_quota_rule=*:storage=", "userdb_quota_rule="
        + "*:storage=10%", "userdb_quota_rule=*:storage=-5M", "userdb_quota_rule=*:storage=1X",
        "userdb_quota_rule=*:storage=99999999999999T", "userdb_quota_rule=*:storage=1234567890123456",
        "userdb_quota_rule=Trash:storage=1G", "quota=1G", "\u0000\u0001"})
    void noLimitForAnythingElse(String extra) {
        assertEquals(OptionalLong.empty(), Quota.parse(extra));
    }

    @Test
    void settingKeepsOtherFieldsAndReplacesTheOldRule() {
        assertEquals("userdb_mail=maildir:x userdb_quota_rule=*:storage=2G",
                Quota.with("userdb_mail=maildir:x userdb_quota_rule=*:storage=1G", "2G"));
        assertEquals("userdb_mail=maildir:x", Quota.with("userdb_mail=maildir:x  userdb_quota_rule=*:storage=1G", ""));
        assertEquals("userdb_quota_rule=*:storage=5M", Quota.with("", "5M"));
    }

    @Test
    void theStoreSetsReadsKeepsAcrossPasswordChangesAndRemovesIt() throws Exception {
        Files.createDirectories(prefix.resolve("control"));
        UserStore store = UserStore.open(prefix);
        store.addDomain("example.test");
        store.addUser("ann@example.test", "first password".toCharArray());
        assertEquals(OptionalLong.empty(), store.quota("ann@example.test"));
        store.setQuota("ann@example.test", "1M");
        assertEquals(OptionalLong.of(1 << 20), store.quota("ann@example.test"));
        store.setPassword("ann@example.test", "second password".toCharArray());
        assertEquals(OptionalLong.of(1 << 20), store.quota("ann@example.test"));
        assertTrue(store.verify("ann@example.test", "second password".toCharArray()));
        String passwd = Files.readString(prefix.resolve("domains/example.test/passwd"));
        assertTrue(passwd.endsWith("/ann::userdb_quota_rule=*:storage=1M\n"), passwd);
        store.setQuota("ann@example.test", "");
        assertEquals(OptionalLong.empty(), store.quota("ann@example.test"));
        assertTrue(Files.readString(prefix.resolve("domains/example.test/passwd")).endsWith("::\n"));
    }

    @Test
    void badSizesAndUnknownUsersAreRefused() throws Exception {
        Files.createDirectories(prefix.resolve("control"));
        UserStore store = UserStore.open(prefix);
        store.addDomain("example.test");
        store.addUser("ann@example.test", "first password".toCharArray());
        for (String bad : new String[] {"lots", "1:2", "5M\nx", "-1", "1.5G"}) {
            UserStoreException e = assertThrows(UserStoreException.class, () -> store.setQuota("ann@example.test", bad));
            assertTrue(e.getMessage().contains("is not a size"), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        }
        assertThrows(UserStoreException.class, () -> store.setQuota("bob@example.test", "1M"));
    }
}
