package org.godshell.toaster.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code {CRYPT}} and {@code {MD5-CRYPT}}: known vectors made by other implementations, the strict forms, and the
 * same work for every attempt. The fixtures were made with {@code openssl passwd -1 -salt SALT PASSWORD} (OpenSSL
 * 3) and Python 3.11's {@code crypt.crypt(PASSWORD, SALT)} (glibc), so they are not commons-codec checking itself.
 */
class LegacyCryptTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // python3: crypt.crypt('password', 'ab'), the classic vector
        "{CRYPT}abJnggxhB/yWI                          | password      | true",
        "{CRYPT}abJnggxhB/yWI                          | passwort      | false",
        // DES reads 8 bytes: everything after "password" is ignored
        "{CRYPT}abJnggxhB/yWI                          | password123   | true",
        // python3: crypt.crypt('correct horse', 'Zx')
        "{CRYPT}Zx44V922tlk0s                          | correct horse | true",
        "{CRYPT}Zx44V922tlk0s                          | correct hoRSE | true",
        "{CRYPT}Zx44V922tlk0s                          | correct       | false",
        "{CRYPT}Zx44V922tlk0s                          | Correct horse | false",
        // openssl passwd -1 -salt saltsalt password
        "{MD5-CRYPT}$1$saltsalt$qjXMvbEw8oaL.CzflDtaK/ | password      | true",
        "{MD5-CRYPT}$1$saltsalt$qjXMvbEw8oaL.CzflDtaK/ | password123   | false",
        // openssl passwd -1 -salt 8charsal 'correct horse' (python3's crypt gives the same)
        "{MD5-CRYPT}$1$8charsal$QinvcPq6.2trb9RDER7vm0 | correct horse | true",
        "{MD5-CRYPT}$1$8charsal$QinvcPq6.2trb9RDER7vm0 | correct horsE | false",
        // openssl passwd -1 -salt a 'Tr0ub4dor&3': a one-character salt
        "{MD5-CRYPT}$1$a$NrXlrY8sOMJRbrmLGFieG1        | Tr0ub4dor&3   | true",
        "{MD5-CRYPT}$1$a$NrXlrY8sOMJRbrmLGFieG1        | Tr0ub4dor&4   | false",
    })
    void vectorsFromOtherImplementations(String stored, String password, boolean expected) {
        assertEquals(Optional.empty(), PasswordHash.problem(stored));
        assertEquals(expected, PasswordHash.matches(PasswordHash.CRYPT3, stored, password.toCharArray()));
    }

    @Test
    void theEmptyPasswordNeverMatchesEvenItsOwnHash() {
        // python3: crypt.crypt('', 'ab'); an old system may hold such a line, a login with nothing must fail
        assertFalse(PasswordHash.matches(PasswordHash.CRYPT3, "{CRYPT}abmF1QH4PEr.E", new char[0]));
    }

    @Test
    void badPasswordsAreFalseNeverAnException() {
        String des = "{CRYPT}abJnggxhB/yWI";
        String md5 = "{MD5-CRYPT}$1$saltsalt$qjXMvbEw8oaL.CzflDtaK/";
        for (String stored : List.of(des, md5)) {
            assertFalse(PasswordHash.matches(PasswordHash.CRYPT3, stored, null));
            assertFalse(PasswordHash.matches(PasswordHash.CRYPT3, stored, new char[] {'\uD800'}));
            // over the cap: refused even though DES would read only "password"
            char[] huge = ("password" + "x".repeat(PasswordHash.MAX_PASSWORD)).toCharArray();
            assertFalse(PasswordHash.matches(PasswordHash.CRYPT3, stored, huge));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{CRYPT}",
        "{CRYPT}abJnggxhB/yW",
        "{CRYPT}abJnggxhB/yWIx",
        "{CRYPT}abJnggxhB/yW!",
        "{CRYPT}abJnggxhB/yW\u00e9",
        "{CRYPT}$1$saltsalt$qjXMvbEw8oaL.CzflDtaK/",
        "{CRYPT} abJnggxhB/yWI",
        "{CRYPT}*",
        "{CRYPT}!abJnggxhB/yWI",
        "{MD5-CRYPT}",
        "{MD5-CRYPT}abJnggxhB/yWI",
        "{MD5-CRYPT}$1$$qjXMvbEw8oaL.CzflDtaK/",
        "{MD5-CRYPT}$1$saltsalt9$qjXMvbEw8oaL.CzflDtaK/",
        "{MD5-CRYPT}$1$saltsalt$qjXMvbEw8oaL.CzflDtaK",
        "{MD5-CRYPT}$1$saltsalt$qjXMvbEw8oaL.CzflDtaK/x",
        "{MD5-CRYPT}$1$salt:alt$qjXMvbEw8oaL.CzflDtaK/",
        "{MD5-CRYPT}$1$saltsalt$qjXMvbEw8oaL.CzflDtaK/$",
        "{MD5-CRYPT}$5$saltsalt$qjXMvbEw8oaL.CzflDtaK/",
        "{MD5-CRYPT}$6$saltsalt$qjXMvbEw8oaL.CzflDtaK/",
        "{MD5-CRYPT}$apr1$saltsalt$qjXMvbEw8oaL.CzflDtaK/",
        "{MD5-CRYPT}$1$saltsalt$qjXMvbEw8oaL.CzflDtaK/\n",
        "{md5-crypt}$1$saltsalt$qjXMvbEw8oaL.CzflDtaK/",
        "{SHA512-CRYPT}abJnggxhB/yWI",
        "{SHA512-CRYPT}$1$saltsalt$qjXMvbEw8oaL.CzflDtaK/",
    })
    void malformedHashesAreProblemsNamingTheForm(String stored) {
        Optional<String> problem = PasswordHash.problem(stored);
        assertTrue(problem.isPresent(), stored);
        assertTrue(problem.get().contains("form") || problem.get().contains("unsupported")
                || problem.get().contains("not traditional DES"), problem.get());
    }

    @Test
    void aHugeHostileHashIsAProblemAndItsTextIsBounded() {
        String stored = "{MD5-CRYPT}$1$" + "a".repeat(1 << 20);
        Optional<String> problem = PasswordHash.problem(stored);
        assertTrue(problem.isPresent());
        assertTrue(problem.get().length() < 200, "the problem never quotes the hash");
    }

    @Test
    void aLineWithAnOldHashIsAUser() {
        Path file = Path.of("domains/d.test/passwd");
        String text = "ann@d.test:{CRYPT}abJnggxhB/yWI::::/h::\n"
                + "bob@d.test:{MD5-CRYPT}$1$saltsalt$qjXMvbEw8oaL.CzflDtaK/:1000:1000:Bob:/home/bob::\n"
                + "eve@d.test:{MD5-CRYPT}$1$saltsalt$short::::/h::\n";
        PasswdFile parsed = PasswdFile.parse(file, "d.test", text.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("ann@d.test", "bob@d.test"), List.copyOf(parsed.users().keySet()));
        assertEquals(1, parsed.problems().size());
        assertTrue(parsed.problems().get(0).toString().startsWith(file + ":3: the {MD5-CRYPT} hash is not"),
                parsed.problems().get(0).toString());
    }

    @Test
    void anOldHashCostsItsCryptAndTheDummysSoItIsNeverFasterThanAnUnknownUser() {
        String dummySalt = PasswordHash.DUMMY.substring(PasswordHash.SHA512.length());
        for (String stored : List.of("{CRYPT}abJnggxhB/yWI", "{MD5-CRYPT}$1$saltsalt$qjXMvbEw8oaL.CzflDtaK/")) {
            for (String password : List.of("password", "wrong password")) {
                List<String> salts = new ArrayList<>();
                PasswordHash.Crypt counting = (key, salt) -> {
                    salts.add(salt);
                    return PasswordHash.CRYPT3.crypt(key, salt);
                };
                boolean matched = PasswordHash.matches(counting, stored, password.toCharArray());
                assertEquals(password.equals("password"), matched);
                assertEquals(List.of(stored.substring(stored.indexOf('}') + 1), dummySalt), salts);
            }
        }
    }

    @Test
    void onlyOldSchemesAndSha256AreOutdated() {
        assertTrue(PasswordHash.outdated("{CRYPT}abJnggxhB/yWI"));
        assertTrue(PasswordHash.outdated("{MD5-CRYPT}$1$saltsalt$qjXMvbEw8oaL.CzflDtaK/"));
        assertTrue(PasswordHash.outdated("{SHA256-CRYPT}$5$abcdefgh$ruMep1ijHnJPZbETDNiumskxcX3kN4lzZd5VlsqE7eB"));
        assertFalse(PasswordHash.outdated(PasswordHash.DUMMY));
        assertFalse(PasswordHash.outdated(PasswordHash.hash("password".toCharArray(), PasswordScheme.SCRAM_SHA_256)));
        assertFalse(PasswordHash.outdated(PasswordHash.hash("password".toCharArray(), PasswordScheme.CRAM_MD5)));
    }
}
