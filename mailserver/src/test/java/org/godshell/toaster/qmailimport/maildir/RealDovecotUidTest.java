package org.godshell.toaster.qmailimport.maildir;

import static org.godshell.toaster.qmailimport.maildir.OldMaildirs.folder;
import static org.godshell.toaster.qmailimport.maildir.OldMaildirs.maildir;
import static org.godshell.toaster.qmailimport.maildir.OldMaildirs.message;
import static org.godshell.toaster.qmailimport.maildir.OldMaildirs.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The carried Maildir read by the host's real Dovecot, as the toaster's IMAP: Dovecot's {@code imap} run directly
 * in its pre-authenticated mode (USER and HOME in the environment, IMAP on stdin and stdout) with the toaster's
 * {@code mail_location}, so no daemon, port or password is involved. The UIDVALIDITY and UIDs must be Courier's,
 * the flags those of the file names, the subscriptions Courier's. Run as root, the mail belongs to the system
 * user {@code mail} (Dovecot refuses to serve mail as root), as in the installer's RealDovecotTest. Skipped
 * without Dovecot; CI installs dovecot-imapd (.ci/run) and must run it.
 */
class RealDovecotUidTest {

    private static final Path IMAP = Path.of("/usr/lib/dovecot/imap");

    @TempDir
    Path temp;

    @Test
    void dovecotServesCouriersUidsFlagsAndSubscriptionsAfterTheCarry() throws Exception {
        requireDovecot();
        Path old = maildir(temp.resolve("vpopmail/domains/example.com/ann/Maildir"));
        message(old, "cur", "1551675967.12345.mail.example.com:2,S");
        message(old, "cur", "1551675968.12346.mail.example.com:2,FS");
        message(old, "new", "1551675969.12347.mail.example.com");
        write(old.resolve("courierimapuiddb"), "1 1551000000 40\n7 1551675967.12345.mail.example.com\n"
                + "12 1551675968.12346.mail.example.com\n31 1551675969.12347.mail.example.com\n");
        Path work = folder(old, ".Lists.Work");
        message(work, "cur", "1551675970.12348.mail.example.com:2,S");
        write(work.resolve("courierimapuiddb"), "1 1551000099 5\n4 1551675970.12348.mail.example.com\n");
        write(old.resolve("courierimapsubscribed"), "INBOX.Lists.Work\n");
        Path home = OldMaildirs.home(temp);
        Path to = home.resolve("Maildir");

        CarryResult result = MaildirCarry.carry(old, to, CarryMode.COPY);
        assertEquals(List.of(), result.problems());

        String inbox = imap(home, "a SELECT INBOX", "b UID FETCH 1:* (FLAGS)", "c LSUB \"\" \"*\"",
                "d SELECT Lists.Work", "e UID FETCH 1:* (FLAGS)", "f LOGOUT");
        assertTrue(inbox.contains("[UIDVALIDITY 1551000000]"), inbox);
        assertTrue(inbox.contains("[UIDNEXT 40]"), inbox);
        assertTrue(inbox.contains("* 1 FETCH (UID 7 FLAGS (\\Seen))"), inbox);
        assertTrue(inbox.contains("* 2 FETCH (UID 12 FLAGS (\\Seen \\Flagged))")
                || inbox.contains("* 2 FETCH (UID 12 FLAGS (\\Flagged \\Seen))"), inbox);
        assertTrue(inbox.contains("* 3 FETCH (UID 31 FLAGS ("), inbox);
        assertTrue(inbox.contains("* LSUB () \".\" Lists.Work"), inbox);
        assertTrue(inbox.contains("[UIDVALIDITY 1551000099]"), inbox);
        assertTrue(inbox.contains("* 1 FETCH (UID 4 FLAGS (\\Seen))"), inbox);
    }

    private static void requireDovecot() {
        if (!Files.isExecutable(IMAP)) {
            String why = IMAP + " is not installed; install it with: apt-get install -y dovecot-imapd";
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true, so the real Dovecot test must run, but " + why);
            }
            Assumptions.abort("skipped: " + why);
        }
    }

    /** Runs Dovecot's imap on the Maildir under {@code home} with {@code commands}; returns what it answered. */
    private String imap(Path home, String... commands) throws IOException, InterruptedException {
        boolean root = "root".equals(System.getProperty("user.name"));
        Path config = temp.resolve("dovecot.conf");
        Files.writeString(config, """
                # The toaster's mail_location and namespace (installer templates/dovecot-2.3.conf).
                mail_location = maildir:~/Maildir:LAYOUT=maildir++
                namespace inbox {
                  inbox = yes
                }
                log_path = %s
                %s
                """.formatted(temp.resolve("dovecot.log"), root
                ? "mail_uid = mail\nmail_gid = mail\nfirst_valid_uid = 1\nfirst_valid_gid = 1" : ""),
                StandardCharsets.UTF_8);
        if (root) {
            giveToMail(home);
        }
        ProcessBuilder builder = new ProcessBuilder(IMAP.toString(), "-c", config.toString())
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("USER", "ann@example.com");
        builder.environment().put("HOME", home.toString());
        builder.environment().put("PATH", "/usr/bin:/bin");
        Process process = builder.start();
        process.getOutputStream().write((String.join("\r\n", commands) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        process.getOutputStream().close();
        String answer = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        Path log = temp.resolve("dovecot.log");
        return answer + (Files.exists(log) ? "\nlog:\n" + Files.readString(log) : "");
    }

    /** The tree, and the test's directories above it that Dovecot must pass, usable by the system user mail. */
    private void giveToMail(Path home) throws IOException {
        UserPrincipalLookupService users = temp.getFileSystem().getUserPrincipalLookupService();
        try (Stream<Path> all = Files.walk(home)) {
            for (Path path : all.toList()) {
                PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
                view.setOwner(users.lookupPrincipalByName("mail"));
                view.setGroup(users.lookupPrincipalByGroupName("mail"));
            }
        }
        // Up to the test's own directory and no further: /tmp itself is never touched.
        for (Path up = home.getParent(); up != null && up.startsWith(temp); up = up.getParent()) {
            Files.setPosixFilePermissions(up, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
