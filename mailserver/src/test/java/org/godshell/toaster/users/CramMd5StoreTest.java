package org.godshell.toaster.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code {CRAM-MD5}} scheme in Dovecot's form: written, read, verified for PLAIN and LOGIN, malformed lines
 * refused; and SASLprep of passwords when they are set.
 */
class CramMd5StoreTest {

    private static final Path FILE = Path.of("domains/d.test/passwd");

    /** {@code doveadm pw -s CRAM-MD5 -p password}. */
    private static final String DOVECOT_PASSWORD = "{CRAM-MD5}9186d855e11eba527a7a52ca82b313e180d62234f0acc9051b527243d41e2740";

    @TempDir
    Path prefix;

    private UserStore store;

    @BeforeEach
    void domain() throws Exception {
        Files.createDirectories(prefix.resolve("control"));
        store = UserStore.open(prefix);
        store.addDomain("d.test");
        store.addUser("cram@d.test", "pencil sharpener".toCharArray(), PasswordScheme.CRAM_MD5);
        store.addUser("crypt@d.test", "pencil sharpener".toCharArray());
    }

    @Test
    void writesDovecotsFormat() throws Exception {
        String line = Files.readAllLines(prefix.resolve("domains/d.test/passwd")).get(0);
        assertTrue(line.matches("cram@d\\.test:\\{CRAM-MD5\\}[0-9a-f]{64}:::.*"), line);
        assertEquals(List.of(), store.users("d.test").problems());
        store.setPassword("crypt@d.test", "password".toCharArray(), PasswordScheme.CRAM_MD5);
        assertTrue(Files.readString(prefix.resolve("domains/d.test/passwd"))
                .contains("crypt@d.test:" + DOVECOT_PASSWORD + ":"), "what doveadm pw writes for the same password");
    }

    @Test
    void plaintextLoginsWorkForCramUsers() {
        assertTrue(store.verify("cram@d.test", "pencil sharpener".toCharArray()));
        assertTrue(store.verify("CRAM@d.test", "pencil sharpener".toCharArray()));
        assertFalse(store.verify("cram@d.test", "pencil".toCharArray()));
        assertFalse(store.verify("cram@d.test", new char[0]));
        assertFalse(store.verify("cram@d.test", null));
        assertFalse(store.verify("cram@d.test", new char[] {'\uD800'}));
        assertFalse(store.verify("cram@d.test", "p".repeat(PasswordHash.MAX_PASSWORD + 1).toCharArray()));
    }

    @Test
    void secretsOnlyForCramUsers() throws Exception {
        assertTrue(store.cramMd5("cram@d.test").orElseThrow().matches("pencil sharpener".getBytes(StandardCharsets.UTF_8)));
        assertEquals(Optional.empty(), store.cramMd5("crypt@d.test"), "no CRAM-MD5 secret from a crypt hash");
        assertEquals(Optional.empty(), store.cramMd5("nobody@d.test"));
        assertEquals(Optional.empty(), store.cramMd5(null));
        assertEquals(Optional.empty(), store.cramMd5("x@nowhere.test"));
        assertEquals(Optional.empty(), store.cramMd5("../../etc/passwd@d.test"));
        store.setPassword("cram@d.test", "back to crypt".toCharArray());
        assertEquals(Optional.empty(), store.cramMd5("cram@d.test"));
    }

    @Test
    void aLineWrittenByDovecotIsRead() {
        String line = "ann@d.test:" + DOVECOT_PASSWORD + "::::/h::\n";
        PasswdFile file = PasswdFile.parse(FILE, "d.test", line.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(), file.problems());
        assertTrue(PasswordHash.matches(PasswordHash.CRYPT3, file.users().get("ann@d.test").password(),
                "password".toCharArray()));
        assertFalse(PasswordHash.matches(PasswordHash.CRYPT3, file.users().get("ann@d.test").password(),
                "Password".toCharArray()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "9186d855", "9186d855e11eba527a7a52ca82b313e180d62234f0acc9051b527243d41e27400",
        "9186d855e11eba527a7a52ca82b313e180d62234f0acc9051b527243d41e274x",
        "$1$salt$9186d855e11eba527a7a52ca82b313e180d62234f0acc9051b5272"})
    void malformedCramLinesAreProblemsAndNeverMatch(String field) {
        String line = "ann@d.test:{CRAM-MD5}" + field + "::::/h::\n";
        PasswdFile file = PasswdFile.parse(FILE, "d.test", line.getBytes(StandardCharsets.UTF_8));
        assertEquals(1, file.problems().size(), field);
        assertTrue(file.problems().get(0).text().contains("{CRAM-MD5}"), file.problems().get(0).text());
        assertFalse(file.users().containsKey("ann@d.test"));
    }

    @Test
    void passwordsAreSaslPreppedWhenSet() throws Exception {
        store.setPassword("crypt@d.test", "I\u00ADX\u00A0pencils".toCharArray());
        assertTrue(store.verify("crypt@d.test", "IX pencils".toCharArray()), "the stored hash is of the prepared form");
        assertFalse(store.verify("crypt@d.test", "I\u00ADX\u00A0pencils".toCharArray()),
                "verify compares prepared forms: the SASL decoders prepare what clients send");
        for (String refused : List.of("pencil\u0007case", "\u0627\u0031 pencils", "pencil\uE000case",
                "\u00AD".repeat(12))) {
            UserStoreException e = assertThrows(UserStoreException.class,
                    () -> store.setPassword("crypt@d.test", refused.toCharArray(), PasswordScheme.CRAM_MD5));
            assertTrue(e.getMessage().contains("SASLprep (RFC 4013) refuses"), e.getMessage());
        }
        assertTrue(store.verify("crypt@d.test", "IX pencils".toCharArray()), "a refused password changes nothing");
    }
}
