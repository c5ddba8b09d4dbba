package org.godshell.toaster.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layout checked and repaired on a temp prefix: modes as the installer sets them whoever owns the prefix,
 * and, as root, owners given to a service account ({@code nobody:nogroup} standing in for {@code toaster}) —
 * never through a link.
 */
class PermissionsTest {

    @TempDir
    Path temp;

    private Path prefix() throws Exception {
        Path root = temp.resolve("toaster");
        for (String dir : List.of("control", "queue/mess", "var", "wiki/wiki.git", "domains/example.org/ann/Maildir/new")) {
            Files.createDirectories(root.resolve(dir));
        }
        Files.writeString(root.resolve("control/me"), "mx.example.org\n");
        Files.writeString(root.resolve("control/servercert.pem"), "key and chain\n");
        Files.writeString(root.resolve("domains/example.org/passwd"), "ann@example.org:x\n");
        Files.writeString(root.resolve("domains/example.org/ann/Maildir/new/1.mx"), "mail\n");
        return root.toRealPath();
    }

    @Test
    void fixMakesEveryModeTheInstallersAndThenNothingIsLeft() throws Exception {
        Path root = prefix();
        Files.setPosixFilePermissions(root.resolve("domains/example.org/passwd"), mode("rw-r--r--"));
        Files.setPosixFilePermissions(root.resolve("control/me"), mode("rw-rw-rw-"));
        Permissions permissions = new Permissions(root, Accounts.unprivileged(root));
        assertTrue(permissions.problems().size() >= 4, permissions.problems().toString());

        permissions.fix();
        assertEquals(List.of(), permissions.problems());
        assertEquals("rwx------", mode(root.resolve("queue")));
        assertEquals("rwxr-x---", mode(root.resolve("domains")));
        assertEquals("rw-r-----", mode(root.resolve("domains/example.org/passwd")));
        assertEquals("rw-------", mode(root.resolve("control/servercert.pem")));
        assertEquals("rw-r--r--", mode(root.resolve("control/me")), "writable by its owner only");
        assertEquals(0, permissions.fix(), "a second fix changes nothing");
    }

    /**
     * The user database's password is a secret the daemons read, as smarthostauth: 0600, not an admin file that
     * others may read (or, made by root, one that the fix would open to the service's group, which the toaster
     * then refuses as readable by others).
     */
    @Test
    void theUserDatabasesPasswordIsKeptOwnerOnly() throws Exception {
        Path root = prefix();
        Path secret = Files.writeString(root.resolve("control/userdbpassword"), "the role's password\n");
        Files.setPosixFilePermissions(secret, mode("rw-r--r--"));
        Permissions permissions = new Permissions(root, Accounts.unprivileged(root));
        assertTrue(permissions.problems().stream().anyMatch(problem -> problem.path().equals(secret)
                && problem.what().equals("is mode rw-r--r--, not rw-------")), permissions.problems().toString());
        permissions.fix();
        assertEquals(List.of(), permissions.problems());
        assertEquals("rw-------", mode(secret));
    }

    @Test
    void asRootTheUserDatabasesPasswordGoesToTheService() throws Exception {
        Assumptions.assumeTrue(Files.getAttribute(Path.of("/proc/self"), "unix:uid").equals(0),
                "only root can give files away");
        Path root = prefix();
        Path secret = Files.writeString(root.resolve("control/userdbpassword"), "the role's password\n");
        Files.setPosixFilePermissions(secret, mode("rw-------"));
        Permissions permissions = new Permissions(root, withService(root));
        assertTrue(permissions.problems().stream().anyMatch(problem -> problem.path().equals(secret)),
                permissions.problems().toString());
        permissions.fix();
        assertEquals(List.of(), permissions.problems());
        assertEquals("nobody", Files.getOwner(secret).getName());
        assertEquals("rw-------", mode(secret));
    }

    @Test
    void dovecotsEmptyUidValidityMarkerKeepsItsModeButNothingElseOfDovecotsDoes() throws Exception {
        Path root = prefix();
        Path maildir = root.resolve("domains/example.org/ann/Maildir");
        Path marker = Files.createFile(maildir.resolve("dovecot-uidvalidity.6b15c303"));
        Files.setPosixFilePermissions(marker, mode("r--r--r--"));
        Path lookalike = Files.writeString(maildir.resolve("dovecot-uidvalidity.00000001"), "not empty\n");
        Files.setPosixFilePermissions(lookalike, mode("rw-r--r--"));
        Permissions permissions = new Permissions(root, Accounts.unprivileged(root));
        permissions.fix();
        assertEquals(List.of(), permissions.problems());
        assertEquals("r--r--r--", mode(marker), "Dovecot's own mode for an empty marker");
        assertEquals("rw-r-----", mode(lookalike), "a marker with content is mail data like the rest");
    }

    @Test
    void aLinkIsNeitherChangedNorFollowed() throws Exception {
        Path root = prefix();
        Path outside = Files.writeString(temp.resolve("shadow"), "not the toaster's\n");
        Files.setPosixFilePermissions(outside, mode("rw-r--r--"));
        Files.createSymbolicLink(root.resolve("domains/example.org/ann/Maildir/new/2.mx"), outside);
        Files.createSymbolicLink(root.resolve("control/smarthostauth"), outside);
        Permissions permissions = new Permissions(root, Accounts.unprivileged(root));
        permissions.fix();
        assertEquals(List.of(), permissions.problems());
        assertEquals("rw-r--r--", mode(outside));
    }

    @Test
    void theAcmeLinkIsAcceptedAndItsTargetCheckedInstead() throws Exception {
        Path root = prefix();
        Path acme = Files.createDirectories(root.resolve("control/acme"));
        Path issued = Files.writeString(acme.resolve("servercert.pem"), "key and chain\n");
        Files.setPosixFilePermissions(issued, mode("rw-r--r--"));
        Files.move(root.resolve("control/servercert.pem"), root.resolve("control/servercert.pem.before-acme"));
        Files.createSymbolicLink(root.resolve("control/servercert.pem"), Path.of("acme/servercert.pem"));
        Permissions permissions = new Permissions(root, Accounts.unprivileged(root));
        List<Permissions.Problem> problems = permissions.problems();
        assertTrue(problems.stream().anyMatch(problem -> problem.path().equals(issued)
                && problem.what().equals("is mode rw-r--r--, not rw-------")), problems.toString());
        assertTrue(problems.stream().noneMatch(problem -> problem.path().endsWith("control/servercert.pem")),
                problems.toString());

        permissions.fix();
        assertEquals(List.of(), permissions.problems());
        assertEquals("rw-------", mode(issued));
        assertEquals("rwx------", mode(acme));
        assertTrue(Files.isSymbolicLink(root.resolve("control/servercert.pem")), "the link is left alone");
    }

    @Test
    void aDanglingLinkInASecretsPlaceIsReportedAndLeftAlone() throws Exception {
        Path root = prefix();
        Files.delete(root.resolve("control/servercert.pem"));
        Files.createSymbolicLink(root.resolve("control/servercert.pem"), Path.of("acme/servercert.pem"));
        Permissions permissions = new Permissions(root, Accounts.unprivileged(root));
        permissions.fix();
        assertEquals(List.of("is a link to acme/servercert.pem, which is no file"), permissions.problems().stream()
                .map(Permissions.Problem::what).toList());
        assertTrue(Files.isSymbolicLink(root.resolve("control/servercert.pem")));
    }

    @Test
    void asRootOwnersGoToTheServiceAndTheAdmin() throws Exception {
        Assumptions.assumeTrue(Files.getAttribute(Path.of("/proc/self"), "unix:uid").equals(0),
                "only root can give files away");
        Path root = prefix();
        Accounts accounts = withService(root);
        Path unreadable = Files.writeString(root.resolve("control/smtpplugins"), "[rcpt]\n");
        Files.setPosixFilePermissions(unreadable, mode("rw-------"));
        Permissions permissions = new Permissions(root, accounts);
        assertTrue(permissions.problems().stream().anyMatch(problem -> problem.path().equals(unreadable)
                && problem.what().equals("is mode rw------- and root:root: the nobody user cannot read it")),
                permissions.problems().toString());

        permissions.fix();
        assertEquals(List.of(), permissions.problems());
        assertEquals("nobody", Files.getOwner(root.resolve("domains/example.org/ann/Maildir/new/1.mx")).getName());
        assertEquals("nobody", Files.getOwner(root.resolve("control/servercert.pem")).getName());
        assertEquals("root", Files.getOwner(root.resolve("control/me")).getName());
        assertEquals("rw-r-----", mode(unreadable), "readable by the service's group, still by no one else");
        assertEquals(accounts.service().group(), Files.readAttributes(unreadable,
                java.nio.file.attribute.PosixFileAttributes.class).group());
    }

    /** Root administers, {@code nobody:nogroup} runs the daemons. */
    static Accounts withService(Path root) throws Exception {
        UserPrincipalLookupService lookup = root.getFileSystem().getUserPrincipalLookupService();
        return new Accounts(Accounts.unprivileged(root).admin(), new Accounts.Account(
                lookup.lookupPrincipalByName("nobody"), lookup.lookupPrincipalByGroupName("nogroup")));
    }

    private static java.util.Set<java.nio.file.attribute.PosixFilePermission> mode(String text) {
        return PosixFilePermissions.fromString(text);
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }
}
