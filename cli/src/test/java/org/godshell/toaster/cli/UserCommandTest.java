package org.godshell.toaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.godshell.toaster.users.UserStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code toaster domain} and {@code toaster user} end to end on a temp prefix, passwords on stdin. */
class UserCommandTest {

    @TempDir
    Path prefix;

    private final InputStream stdin = System.in;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void installation() throws Exception {
        Files.createDirectories(prefix.resolve("control"));
        Files.writeString(prefix.resolve("control/rcpthosts"), "# local\nlocalhost\n");
    }

    @AfterEach
    void restoreStdin() {
        System.setIn(stdin);
    }

    private int run(String input, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        List<String> all = new ArrayList<>(List.of(args));
        all.add(2, "--prefix");
        all.add(3, prefix.toString());
        return Toaster.execute(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
    }

    /**
     * Root running the admin commands on an install that belongs to someone else ({@code nobody} here, the
     * {@code toaster} user on a system install) leaves every file it creates to that account, as the installer
     * does: otherwise deliveries to the domain and logins fail on a passwd file the daemons cannot read.
     */
    @Test
    void runAsRootEveryNewFileBelongsToTheInstall() throws Exception {
        Assumptions.assumeTrue(Files.getAttribute(Path.of("/proc/self"), "unix:uid").equals(0),
                "only root can give files away");
        UserPrincipal nobody = prefix.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        try (Stream<Path> made = Files.walk(prefix)) {
            for (Path path : made.toList()) {
                Files.setOwner(path, nobody);
            }
        }
        assertEquals(0, run("", "domain", "add", "example.test"), err.toString());
        assertEquals(0, run("correct horse battery\n", "user", "add", "ann@example.test"), err.toString());
        assertEquals(0, run("battery staple horse\n", "user", "passwd", "ann@example.test"), err.toString());
        assertEquals(0, run("", "user", "quota", "ann@example.test", "1G"), err.toString());
        assertEquals(0, run("", "alias", "add", "info@example.test", "ann@example.test"), err.toString());
        assertEquals(0, run("", "cert", "selfsigned", "--host", "mx.example.test"), err.toString());
        try (Stream<Path> made = Files.walk(prefix)) {
            List<String> others = made.filter(path -> {
                try {
                    return !Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).equals(nobody);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(Path::toString).toList();
            assertEquals(List.of(), others, "left to root");
        }
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                prefix.resolve("domains/example.test/passwd"))));
    }

    @Test
    void theStoresLockFileIsNobodyElsesWhateverTheUmask() throws Exception {
        assertEquals(0, run("", "domain", "add", "example.test"), err.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                prefix.resolve("domains/.lock"))), "nothing under domains/ for others: the doctor checks it");
    }

    @Test
    void schemeScramSha256WritesScramKeys() throws Exception {
        assertEquals(0, run("", "domain", "add", "example.test"), err.toString());
        assertEquals(0, run("correct horse battery\n", "user", "add", "--scheme", "scram-sha-256", "ann@example.test"),
                err.toString());
        assertTrue(UserStore.open(prefix).scram("ann@example.test").isPresent());
        assertTrue(UserStore.open(prefix).verify("ann@example.test", "correct horse battery".toCharArray()));
        assertEquals(0, run("battery staple horse\n", "user", "passwd", "ann@example.test"), err.toString());
        assertTrue(UserStore.open(prefix).scram("ann@example.test").isEmpty(), "the default stays sha512-crypt");
        assertEquals(1, run("battery staple horse\n", "user", "passwd", "--scheme", "md5", "ann@example.test"));
        assertTrue(err.toString().contains("unknown --scheme md5"), err.toString());
    }

    @Test
    void schemeCramMd5WritesDovecotsContext() throws Exception {
        assertEquals(0, run("", "domain", "add", "example.test"), err.toString());
        assertEquals(0, run("correct horse battery\n", "user", "add", "--scheme", "CRAM-MD5", "ann@example.test"),
                err.toString());
        assertTrue(UserStore.open(prefix).cramMd5("ann@example.test").isPresent());
        assertTrue(UserStore.open(prefix).verify("ann@example.test", "correct horse battery".toCharArray()));
        assertTrue(Files.readString(prefix.resolve("domains/example.test/passwd"))
                .matches("ann@example\\.test:\\{CRAM-MD5\\}[0-9a-f]{64}:.*\n"));
        assertEquals(1, run("battery staple horse\n", "user", "passwd", "--scheme", "hmac-md5", "ann@example.test"));
        assertTrue(err.toString().contains("use sha512-crypt, scram-sha-256 or cram-md5"), err.toString());
        assertEquals(1, run("battery\u0007staple horse\n", "user", "passwd", "ann@example.test"));
        assertTrue(err.toString().contains("SASLprep (RFC 4013) refuses"), err.toString());
        assertTrue(UserStore.open(prefix).cramMd5("ann@example.test").isPresent(), "the refused edit changed nothing");
    }

    @Test
    void wholeLifeOfADomainAndAUser() throws Exception {
        assertEquals(0, run("", "domain", "add", "Example.TEST"), err.toString());
        assertEquals(List.of("# local", "localhost", "example.test"),
                Files.readAllLines(prefix.resolve("control/rcpthosts")));
        assertEquals(0, run("correct horse battery\n", "user", "add", "Ann@example.test"), err.toString());
        assertTrue(UserStore.open(prefix).verify("ann@example.test", "correct horse battery".toCharArray()));
        assertEquals(0, run("battery staple horse\r\n", "user", "passwd", "ann@example.test"), err.toString());
        assertTrue(UserStore.open(prefix).verify("ann@example.test", "battery staple horse".toCharArray()));
        assertEquals(0, run("", "user", "list"));
        assertEquals("ann@example.test\n", out.toString());
        assertEquals(0, run("", "domain", "list"));
        assertTrue(out.toString().startsWith("example.test\t1 user(s)"), out.toString());
        assertEquals(1, run("", "domain", "remove", "example.test"));
        assertTrue(err.toString().contains("--force"), err.toString());
        Files.writeString(prefix.resolve("domains/example.test/ann/Maildir/new/1.msg"), "Subject: kept\n");
        assertEquals(0, run("", "user", "remove", "ann@example.test"), err.toString());
        assertTrue(out.toString().contains(".removed-ann-"), out.toString());
        try (var aside = Files.list(prefix.resolve("domains/example.test"))) {
            Path moved = aside.filter(p -> p.getFileName().toString().startsWith(".removed-ann-")).findFirst().orElseThrow();
            assertTrue(Files.exists(moved.resolve("Maildir/new/1.msg")));
        }
        assertFalse(UserStore.open(prefix).verify("ann@example.test", "battery staple horse".toCharArray()));
        assertEquals(0, run("", "domain", "remove", "example.test"), err.toString());
        assertTrue(out.toString().contains(".removed-example.test-"), out.toString());
        assertEquals(List.of("# local", "localhost"), Files.readAllLines(prefix.resolve("control/rcpthosts")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''              | the password is empty",
        "'\n'            | the password is empty",
        "'short pw\n'    | shorter than 10 characters",
    })
    void refusedPasswords(String input, String message) {
        assertEquals(0, run("", "domain", "add", "example.test"));
        assertEquals(1, run(input, "user", "add", "ann@example.test"));
        assertTrue(err.toString().contains(message), err.toString());
        assertFalse(Files.exists(prefix.resolve("domains/example.test/ann")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "../x@example.test | cannot be a user name",
        "a/b@example.test  | cannot be a user name",
        "ann@nowhere.test  | no domain nowhere.test",
        "ann               | is not an address",
    })
    void refusedAddresses(String address, String message) {
        assertEquals(0, run("", "domain", "add", "example.test"));
        assertEquals(1, run("long enough pw\n", "user", "add", address));
        assertTrue(err.toString().contains(message), err.toString());
    }

    @Test
    void passwordOnTheCommandLineIsAUsageError() {
        assertEquals(0, run("", "domain", "add", "example.test"));
        assertEquals(2, run("", "user", "add", "ann@example.test", "secret password"));
    }

    @Test
    void listShowsBadLinesAndFails() throws Exception {
        assertEquals(0, run("", "domain", "add", "example.test"));
        assertEquals(0, run("correct horse battery\n", "user", "add", "ann@example.test"));
        Files.writeString(prefix.resolve("domains/example.test/passwd"), "bob@example.test:{PLAIN}x::::/h::\n",
                java.nio.file.StandardOpenOption.APPEND);
        assertEquals(1, run("", "user", "list", "example.test"));
        assertEquals("ann@example.test\n", out.toString());
        assertTrue(err.toString().contains("passwd:2: unsupported password scheme {PLAIN}"), err.toString());
    }
}
