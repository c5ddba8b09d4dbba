package org.godshell.toaster.installer.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.installer.imap.SqlUsers;
import org.godshell.toaster.installer.settings.UsersDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The install steps with {@code --users}, against a stand-in bin/toaster whose "database" is two files (domains and
 * users) and which answers as the real one: "exists already" on stderr, exit 1. The first host adds the domain and
 * the admin; a host that finds them leaves them alone and says so, also when another host added them a moment
 * before its own add. The real database and Dovecot are {@code RealDovecotSqlTest}'s.
 */
class SharedUsersStepsTest {

    private static final String TOASTER = """
            #!/bin/sh
            db=$(dirname "$0")/../fake-db
            echo "$*" >> "$db/calls"
            case "$1 $2" in
              "domain list")
                [ -e "$db/list-fails" ] && { echo "toaster: cannot reach the user database" >&2; exit 1; }
                [ -e "$db/domains" ] && sed 's/$/\t1 user(s)/' "$db/domains"; exit 0 ;;
              "domain add")
                [ -e "$db/down" ] && { echo "toaster: the user database at db:5432 cannot be reached" >&2; exit 1; }
                if grep -qx "$3" "$db/domains" 2>/dev/null; then
                  echo "toaster: domain $3 exists already (in the user database at db:5432)" >&2; exit 1
                fi
                echo "$3" >> "$db/domains"; echo "added domain $3"; exit 0 ;;
              "user list")
                [ -e "$db/list-fails" ] && { echo "toaster: cannot reach the user database" >&2; exit 1; }
                cat "$db/users" 2>/dev/null; exit 0 ;;
              "user add")
                read -r password
                if grep -qx "$3" "$db/users" 2>/dev/null; then
                  echo "toaster: user $3 exists already; toaster user passwd changes the password" >&2; exit 1
                fi
                echo "$3" >> "$db/users"; printf '%s\\n' "$password" > "$db/password"; exit 0 ;;
            esac
            exit 2
            """;
    private static final UsersDatabase USERS = new UsersDatabase("db.example.net", 5432, "toaster", "toaster",
            "it's \"s3cret\"");

    @TempDir
    Path temp;
    private final StringWriter out = new StringWriter();
    private Path root;
    private Path db;

    @BeforeEach
    void toaster() throws Exception {
        root = Files.createDirectories(temp.resolve("toaster")).toRealPath();
        db = Files.createDirectories(root.resolve("fake-db"));
        Path bin = Files.createDirectories(root.resolve("bin")).resolve("toaster");
        Files.writeString(bin, TOASTER, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private StepContext context(Optional<Path> passwordFile) throws Exception {
        return Contexts.withUsers(root, Optional.empty(), FakeDovecot.absent(root), USERS, passwordFile, out);
    }

    @Test
    void theControlFilesAreWrittenOnceThePasswordOwnerOnly() throws Exception {
        StepContext context = context(Optional.empty());
        UsersDatabaseStep step = new UsersDatabaseStep(context, USERS);
        assertFalse(step.isDone());
        step.apply();
        assertTrue(step.isDone());
        assertEquals("postgresql://toaster@db.example.net:5432/toaster\n",
                Files.readString(root.resolve("control/userdb")));
        Path password = root.resolve("control/userdbpassword");
        assertEquals("it's \"s3cret\"\n", Files.readString(password));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(password)));
        assertTrue(context.changes().needsRestart(), "the daemons read them when they start");
        assertFalse(step.describe().contains("s3cret"), step.describe());

        StepContext rerun = context(Optional.empty());
        new UsersDatabaseStep(rerun, USERS).apply();
        assertFalse(rerun.changes().needsRestart(), "a rerun changes nothing");
    }

    @Test
    void theFirstHostAddsTheDomainAndTheAdminToTheDatabase() throws Exception {
        Path passwordFile = Files.writeString(temp.resolve("admin-password"), "admin's password\n");
        StepContext context = context(Optional.of(passwordFile));
        new UsersDatabaseStep(context, USERS).apply();
        DomainStep domain = new DomainStep(context);
        MailboxStep mailbox = new MailboxStep(context);
        assertFalse(domain.isDone());
        assertFalse(mailbox.isDone());
        domain.apply();
        mailbox.apply();
        assertTrue(domain.isDone() && mailbox.isDone());
        assertEquals(List.of("example.org"), Files.readAllLines(db.resolve("domains")));
        assertEquals(List.of("postmaster@example.org"), Files.readAllLines(db.resolve("users")));
        assertEquals("admin's password\n", Files.readString(db.resolve("password")), "on stdin, never in argv");
        assertTrue(domain.describe().contains("in the user database postgresql://toaster@db.example.net:5432/"
                + "toaster"), domain.describe());
    }

    @Test
    void aSecondHostFindsTheDomainAndTheAdminAndLeavesThemAlone() throws Exception {
        Files.writeString(db.resolve("domains"), "example.org\n");
        Files.writeString(db.resolve("users"), "postmaster@example.org\n");
        StepContext context = context(Optional.empty());
        new UsersDatabaseStep(context, USERS).apply();
        assertTrue(new DomainStep(context).isDone());
        assertTrue(new MailboxStep(context).isDone());
        List<String> calls = Files.readAllLines(db.resolve("calls"));
        assertEquals(List.of("domain list", "user list example.org"), calls, "asked, nothing added");
    }

    @Test
    void anotherHostAddingThemAMomentBeforeIsSaidAndTheMadeUpPasswordIsNotKept() throws Exception {
        Files.writeString(db.resolve("domains"), "example.org\n");
        Files.writeString(db.resolve("users"), "postmaster@example.org\n");
        Files.writeString(db.resolve("list-fails"), "");             // the listings do not see them yet
        Path passwordFile = temp.resolve("made-up");
        StepContext context = context(Optional.of(passwordFile));
        new UsersDatabaseStep(context, USERS).apply();
        new DomainStep(context).apply();
        new MailboxStep(context).apply();
        assertTrue(out.toString().contains("the domain example.org is in the user database already (another host "
                + "added it): left as it is"), out.toString());
        assertTrue(out.toString().contains("the mailbox postmaster@example.org is in the user database already"),
                out.toString());
        assertFalse(Files.exists(passwordFile), "a password that is not the admin's is not left in --password-file");
        assertFalse(out.toString().contains("password of postmaster"), out.toString());
        assertFalse(Files.exists(db.resolve("password")));
    }

    @Test
    void aDatabaseThatCannotBeReachedStopsTheStepWithTheToastersWords() throws Exception {
        Files.writeString(db.resolve("down"), "");
        StepContext context = context(Optional.empty());
        new UsersDatabaseStep(context, USERS).apply();
        StepException e = assertThrows(StepException.class, () -> new DomainStep(context).apply());
        assertTrue(e.getMessage().contains("cannot be reached"), e.getMessage());
    }

    @Test
    void dovecotGetsItsPostgresqlDriverAndTheConnectionFile() throws Exception {
        FakeDovecot dovecot = FakeDovecot.in(temp.resolve("dovecot"), "2.3.19.1 (9b53102964)", false);
        StepContext context = Contexts.withUsers(root, Optional.empty(), dovecot.dovecot(), USERS, Optional.empty(),
                out);
        ImapPackageStep packages = new ImapPackageStep(context);
        packages.apply();
        assertTrue(packages.isDone());
        assertEquals(List.of("apt-get DEBIAN_FRONTEND=noninteractive -o DPkg::Lock::Timeout=600 install -y -q "
                + "dovecot-imapd dovecot-pgsql"), dovecot.calls());
        Files.delete(dovecot.dovecot().pgsqlDriver());
        assertFalse(packages.isDone(), "dovecot-imapd alone is not enough with --users");

        if (!groupExists()) {
            return;                                                // the connection file's group comes with Dovecot
        }
        ImapConfigStep config = new ImapConfigStep(context);
        config.apply();
        Path file = dovecot.dovecot().sqlFile();
        assertTrue(Files.readString(file).contains("password='it\\\\'s \\\"s3cret\\\"'"), Files.readString(file));
        assertEquals(SqlConnectionFile.MODE, PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(SqlUsers.GROUP, Files.readAttributes(file, java.nio.file.attribute.PosixFileAttributes.class)
                .group().getName());
        assertTrue(Files.readString(dovecot.dovecot().usersDropIn()).contains("args = " + file + "\n"));
        assertTrue(config.isDone());

        new RemoveImapStep(context).apply();
        assertFalse(Files.exists(file), "uninstall removes the password with the drop-in");
    }

    private static boolean groupExists() {
        try {
            Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(SqlUsers.GROUP);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
