package org.godshell.toaster.installer.imap;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.godshell.toaster.config.UserDb;
import org.godshell.toaster.tls.SelfSigned;
import org.godshell.toaster.users.PasswordScheme;
import org.godshell.toaster.users.UserStore;
import org.godshell.toaster.users.sql.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installer's SQL drop-in and connection file in the host's real Dovecot, on a real PostgreSQL whose tables the
 * toaster's own user store made (issue 27): host mx1 added example.org and its users, host mx2 added elsewhere.org.
 * Dovecot on mx1 logs in example.org's users (SHA512-CRYPT with LOGIN after STARTTLS, SCRAM-SHA-256 over IMAPS),
 * serves their Maildirs under PREFIX/domains/DOMAIN/LOCAL with the quota the toaster stores, and refuses mx2's
 * users and wrong passwords. Dovecot logs in as a role whose password has a space, both quotes, a backslash, a
 * {@code #} and a {@code %}. Skipped without Dovecot, dovecot-pgsql, PostgreSQL or root; CI has them all.
 */
class RealDovecotSqlTest {

    private static final String ANN = "ann@example.org";
    private static final String BOB = "bob@example.org";
    private static final String CARL = "carl@elsewhere.org";
    private static final String PASSWORD = "correct horse battery";
    private static final String ROLE = "dovecot_reader";
    private static final String ROLE_PASSWORD = "it's a \"quoted\" back\\slash # not a comment %u %{user} $SET:x end";
    private static final String MESSAGE = "From: <carol@example.net>\r\nTo: <ann@example.org>\r\nSubject: hello ann"
            + "\r\n\r\nstored by the toaster, its user found in PostgreSQL\r\n";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresServer postgres;

    @TempDir
    Path temp;
    private RealDovecot dovecot;
    private DovecotVersion version;

    @BeforeAll
    static void startPostgres() throws Exception {
        RealDovecot.require();
        Path driver = RealDovecot.DOVECOT.resolveSibling("../lib/dovecot/modules/auth/libdriver_pgsql.so")
                .normalize();
        if (!Files.isRegularFile(driver)) {
            String why = driver + " is missing; install it with: apt-get install -y dovecot-pgsql";
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true, so the Dovecot SQL test must run, but " + why);
            }
            Assumptions.abort("skipped: " + why);
        }
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @BeforeEach
    void twoHostsAndDovecot() throws Exception {
        version = RealDovecot.require();
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        int n = DATABASES.incrementAndGet();
        UserDb.Postgres db = postgres.createDatabase("dovecot_" + n);
        String role = ROLE + "_" + n;                                  // roles are the whole server's
        Path mx1 = host("mx1", db);
        Path mx2 = host("mx2", db);
        try (UserStore users = UserStore.open(mx1)) {
            users.addDomain("example.org");
            users.addUser(ANN, PASSWORD.toCharArray());
            users.addUser(BOB, PASSWORD.toCharArray(), PasswordScheme.SCRAM_SHA_256);
            users.setQuota(ANN, "10M");
        }
        try (UserStore users = UserStore.open(mx2)) {
            users.addDomain("elsewhere.org");
            users.addUser(CARL, PASSWORD.toCharArray());
        }
        try (Connection connection = postgres.connect(db.database());
                Statement statement = connection.createStatement()) {
            // Dovecot's own role, reading only; a name and password of the test's choosing (no parameters in DDL).
            statement.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + ROLE_PASSWORD.replace("'", "''") + "'");
            statement.execute("GRANT SELECT ON domains, users TO " + role);
        }
        for (String user : new String[] {"ann", "bob"}) {
            for (String sub : new String[] {"cur", "new", "tmp"}) {
                Files.createDirectories(mx1.resolve("domains/example.org/" + user + "/Maildir/" + sub));
            }
        }
        Files.writeString(mx1.resolve("domains/example.org/ann/Maildir/new/1700000000.M1P1.test,S="
                + MESSAGE.length()), MESSAGE, StandardCharsets.US_ASCII);
        Files.writeString(mx1.resolve("control/servercert.pem"), SelfSigned.create("localhost"),
                StandardCharsets.US_ASCII);
        RealDovecot.ownAsTheInstallerDoes(mx1);
        SqlUsers sql = new SqlUsers(PostgresServer.HOST, postgres.port(), db.database(), role, ROLE_PASSWORD,
                "MX1.example.net", temp.resolve("toaster-sql.conf.ext"));
        DropIn dropIn = new DropIn(mx1, "mail", version.syntax().orElseThrow(), Optional.of(sql));
        writeConnectionFile(sql.file(), dropIn.connection().orElseThrow());
        dovecot = RealDovecot.start(temp, dropIn);
    }

    @AfterEach
    void stop() throws Exception {
        if (dovecot != null) {
            dovecot.close();
        }
    }

    @Test
    void aCryptUserLogsInAfterStartTlsAndReadsItsMaildirWithItsQuota() throws Exception {
        try (ImapClient client = ImapClient.connect(dovecot.imap, false)) {
            client.startTls(dovecot.imap);
            String login = client.command("LOGIN Ann@Example.ORG \"" + PASSWORD + "\"");
            assertTrue(login.contains(" OK"), client.transcript() + dovecot.log());
            assertFalse(dovecot.log().toLowerCase(Locale.ROOT).contains("pam(ann@example.org"),
                    "the database is asked before PAM:\n" + dovecot.log());
            String select = client.command("SELECT INBOX");
            assertTrue(select.contains("* 1 EXISTS"), "PREFIX/domains/example.org/ann/Maildir:\n"
                    + client.transcript() + dovecot.log());
            String fetch = client.command("FETCH 1 BODY[]");
            assertTrue(fetch.contains("its user found in PostgreSQL"), client.transcript());
            String quota = client.command("GETQUOTAROOT INBOX");
            assertTrue(quota.matches("(?s).*\\* QUOTA \"User quota\" \\(STORAGE [0-9]+ 10240\\).*"),
                    "users.quota_bytes of 10M, in KiB (RFC 9208 §5.1):\n" + client.transcript() + dovecot.log());
        }
    }

    @Test
    void aScramUserWithoutQuotaLogsInOverImaps() throws Exception {
        try (ImapClient client = ImapClient.connect(dovecot.imaps, true)) {
            assertTrue(ScramClient.login(client, BOB, PASSWORD).contains(" OK"), client.transcript() + dovecot.log());
            String select = client.command("SELECT INBOX");
            assertTrue(select.contains("* 0 EXISTS"), client.transcript() + dovecot.log());
            assertFalse(client.command("GETQUOTAROOT INBOX").contains("STORAGE"),
                    "no quota_rule when users.quota_bytes is NULL:\n" + client.transcript());
        }
    }

    @Test
    void aUserOfAnotherHostsDomainIsRefusedWithItsRightPassword() throws Exception {
        try (ImapClient client = ImapClient.connect(dovecot.imaps, true)) {
            String login = client.command("LOGIN " + CARL + " \"" + PASSWORD + "\"");
            assertTrue(login.contains("a1 NO"), "elsewhere.org's mailboxes are on mx2:\n" + client.transcript());
        }
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        try (ImapClient client = ImapClient.connect(dovecot.imaps, true)) {
            String login = client.command("LOGIN " + ANN + " \"wrong password here\"");
            assertTrue(login.contains("a1 NO"), client.transcript());
            String injected = client.command("LOGIN \"ann@example.org' OR '1'='1\" \"" + PASSWORD + "\"");
            assertTrue(injected.contains("a2 NO"), "a quote in the login is Dovecot's to escape:\n"
                    + client.transcript());
        }
    }

    @Test
    void doveadmListsThisHostsUsersOnly() throws Exception {
        String users = dovecot.doveadm("user", "*");
        assertTrue(users.lines().toList().containsAll(java.util.List.of(ANN, BOB)), users + dovecot.log());
        assertFalse(users.contains(CARL), "iterate_query: only the domains stored here\n" + users);
    }

    /** A toaster prefix named HOST.example.net whose users are in {@code db}, as --users writes it. */
    private Path host(String name, UserDb.Postgres db) throws Exception {
        Path control = Files.createDirectories(temp.resolve(name + "/control"));
        Files.writeString(control.resolve("me"), name + ".example.net\n");
        Files.writeString(control.resolve("userdb"), db + "\n");
        Path secret = control.resolve("userdbpassword");
        Files.writeString(secret, postgres.password() + "\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        return control.getParent();
    }

    /** As the installer's imap-config step writes it: root's, group dovecot, 0640. */
    private static void writeConnectionFile(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        GroupPrincipal group = file.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByGroupName(SqlUsers.GROUP);
        Files.getFileAttributeView(file, PosixFileAttributeView.class).setGroup(group);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    }
}
