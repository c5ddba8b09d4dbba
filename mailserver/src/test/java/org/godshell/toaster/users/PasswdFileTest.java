package org.godshell.toaster.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.codec.digest.Crypt;
import org.apache.commons.codec.digest.Sha2Crypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Strict parsing of Dovecot passwd-file lines, and hashes that other crypt implementations read. */
class PasswdFileTest {

    private static final Path FILE = Path.of("domains/d.test/passwd");
    private static final String HASH = PasswordHash.hash("secret pass".toCharArray());

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ann@d.test:{HASH}::::/h::                  | ''",
        "ann@d.test:{HASH}::::/h::userdb_quota=1G   | ''",
        "ann@d.test:{HASH}                          | has 2 fields",
        "ann@d.test:{HASH}::::/h                    | has 6 fields",
        "Ann@d.test:{HASH}::::/h::                  | is not a lowercase",
        "../x@d.test:{HASH}::::/h::                 | is not a lowercase",
        "ann@e.test:{HASH}::::/h::                  | belongs to another domain",
        "ann@d.test:{PLAIN}secret pass::::/h::      | unsupported password scheme {PLAIN}",
        "ann@d.test:$6$abc$def::::/h::              | unsupported password scheme a password without",
        "ann@d.test:{SHA512-CRYPT}$6$x$short::::/h:: | not in crypt's $6$",
    })
    void lines(String line, String problem) {
        PasswdFile file = PasswdFile.parse(FILE, "d.test", (line.replace("{HASH}", HASH) + "\n").getBytes(StandardCharsets.UTF_8));
        if (problem.isEmpty()) {
            assertEquals(List.of(), file.problems());
            assertTrue(file.users().containsKey("ann@d.test"));
        } else {
            assertEquals(1, file.problems().size());
            String text = file.problems().get(0).toString();
            assertTrue(text.startsWith(FILE + ":1: ") && text.contains(problem), text);
            assertFalse(file.users().containsKey("ann@d.test"));
        }
    }

    @Test
    void aBadLineDoesNotLockOutTheOthers(@TempDir Path prefix) throws Exception {
        Files.createDirectories(prefix.resolve("control"));
        UserStore store = UserStore.open(prefix);
        store.addDomain("d.test");
        store.addUser("ann@d.test", "secret pass".toCharArray());
        Path passwd = prefix.resolve("domains/d.test/passwd");
        Files.writeString(passwd, "# comment\nbroken line\n" + Files.readString(passwd)
                + "ann@d.test:{SHA512-CRYPT}" + "x::::/h::\n");
        assertTrue(store.verify("ann@d.test", "secret pass".toCharArray()));
        UserStore.Listing listing = store.users("d.test");
        assertEquals(List.of("ann@d.test"), listing.users());
        assertEquals(2, listing.problems().size());
        assertTrue(listing.problems().get(0).contains("passwd:2: has 1 fields"), listing.problems().get(0));
        store.addUser("bob@d.test", "other secret".toCharArray());
        assertTrue(Files.readString(passwd).startsWith("# comment\nbroken line\n"), "edits keep the other lines");
    }

    @Test
    void plaintextNeverMatchesEvenWithTheRightPassword() {
        PasswdFile file = PasswdFile.parse(FILE, "d.test", "ann@d.test:{PLAIN}secret pass::::/h::\n".getBytes(StandardCharsets.UTF_8));
        assertTrue(file.users().isEmpty());
    }

    @Test
    void hashesAreStandardShaCrypt() {
        String hash = HASH.substring("{SHA512-CRYPT}".length());
        // Fresh arrays each time: commons-codec wipes the key bytes it is given.
        assertEquals(hash, Crypt.crypt(key(), hash), "glibc-compatible crypt reads it");
        assertEquals(hash, Sha2Crypt.sha512Crypt(key(), hash));
        assertTrue(PasswordHash.matches(PasswordHash.CRYPT3, HASH, "secret pass".toCharArray()));
        String sha256 = "{SHA256-CRYPT}" + Sha2Crypt.sha256Crypt(key(), "$5$rounds=5000$abcdefgh");
        assertEquals(java.util.Optional.empty(), PasswordHash.problem(sha256));
        assertTrue(PasswordHash.matches(PasswordHash.CRYPT3, sha256, "secret pass".toCharArray()));
        assertFalse(PasswordHash.matches(PasswordHash.CRYPT3, sha256, "secret pasS".toCharArray()));
    }

    private static byte[] key() {
        return "secret pass".getBytes(StandardCharsets.UTF_8);
    }
}
