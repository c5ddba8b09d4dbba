package org.godshell.toaster.users;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.auth.ScramCredentials;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code {SCRAM-SHA-256}} scheme in Dovecot's form: written, read, verified, and malformed lines refused. */
class ScramStoreTest {

    private static final Path FILE = Path.of("domains/d.test/passwd");

    @TempDir
    Path prefix;

    private UserStore store;

    @BeforeEach
    void domain() throws Exception {
        Files.createDirectories(prefix.resolve("control"));
        store = UserStore.open(prefix);
        store.addDomain("d.test");
        store.addUser("scram@d.test", "pencil sharpener".toCharArray(), PasswordScheme.SCRAM_SHA_256);
        store.addUser("crypt@d.test", "pencil sharpener".toCharArray());
    }

    @Test
    void writesDovecotsFormat() throws Exception {
        String line = Files.readAllLines(prefix.resolve("domains/d.test/passwd")).get(0);
        assertTrue(line.matches("scram@d\\.test:\\{SCRAM-SHA-256\\}4096,[A-Za-z0-9+/]{22}==,[A-Za-z0-9+/]{43}=,"
                + "[A-Za-z0-9+/]{43}=:::.*"), line);
        assertEquals(List.of(), store.users("d.test").problems());
    }

    @Test
    void plaintextLoginsWorkForScramUsers() {
        assertTrue(store.verify("scram@d.test", "pencil sharpener".toCharArray()));
        assertTrue(store.verify("SCRAM@d.test", "pencil sharpener".toCharArray()));
        assertFalse(store.verify("scram@d.test", "pencil".toCharArray()));
        assertFalse(store.verify("scram@d.test", new char[0]));
        assertFalse(store.verify("scram@d.test", null));
        assertFalse(store.verify("scram@d.test", new char[] {'\uD800'}));
        assertFalse(store.verify("scram@d.test", "p".repeat(PasswordHash.MAX_PASSWORD + 1).toCharArray()));
    }

    @Test
    void scramCredentialsOnlyForScramUsers() throws Exception {
        ScramCredentials credentials = store.scram("scram@d.test").orElseThrow();
        assertEquals(4096, credentials.iterations());
        assertEquals(16, credentials.salt().length);
        assertTrue(credentials.matches("pencil sharpener".toCharArray()));
        assertEquals(Optional.empty(), store.scram("crypt@d.test"), "no SCRAM keys from a crypt hash");
        assertEquals(Optional.empty(), store.scram("nobody@d.test"));
        assertEquals(Optional.empty(), store.scram(null));
        assertEquals(Optional.empty(), store.scram("x@nowhere.test"));
        store.setPassword("crypt@d.test", "new one here".toCharArray(), PasswordScheme.SCRAM_SHA_256);
        assertTrue(store.scram("crypt@d.test").orElseThrow().matches("new one here".toCharArray()));
        store.setPassword("scram@d.test", "back to crypt".toCharArray());
        assertEquals(Optional.empty(), store.scram("scram@d.test"));
        assertTrue(store.verify("scram@d.test", "back to crypt".toCharArray()));
    }

    @Test
    void aLineWrittenByAnotherToolIsRead() {
        ScramCredentials rfc = ScramCredentials.derive("pencil".toCharArray(),
                Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);
        String line = "ann@d.test:{SCRAM-SHA-256}" + rfc.dovecot() + "::::/h::\n";
        PasswdFile file = PasswdFile.parse(FILE, "d.test", line.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(), file.problems());
        assertArrayEquals(rfc.storedKey(), PasswordHash.scram(file.users().get("ann@d.test").password())
                .orElseThrow().storedKey());
        assertTrue(PasswordHash.matches(PasswordHash.CRYPT3, file.users().get("ann@d.test").password(),
                "pencil".toCharArray()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "4096", "4096,c2FsdA==,AAAA,AAAA", "1000,c2FsdA==,{K},{K}", "4096,,{K},{K}",
        "4096,c2FsdA==,{K},{K},", "4096,c2FsdA==,{K}", "x,c2FsdA==,{K},{K}", "4096,!!,{K},{K}",
        "04096,c2FsdA==,{K},{K}", "99999999999,c2FsdA==,{K},{K}"})
    void malformedScramLinesAreProblemsAndNeverMatch(String field) {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        String line = "ann@d.test:{SCRAM-SHA-256}" + field.replace("{K}", key) + "::::/h::\n";
        PasswdFile file = PasswdFile.parse(FILE, "d.test", line.getBytes(StandardCharsets.UTF_8));
        assertEquals(1, file.problems().size(), field);
        assertTrue(file.problems().get(0).text().contains("{SCRAM-SHA-256}"), file.problems().get(0).text());
        assertFalse(file.users().containsKey("ann@d.test"));
    }
}
