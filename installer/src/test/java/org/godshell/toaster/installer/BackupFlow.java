package org.godshell.toaster.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.godshell.toaster.installer.MailClient.Tls;

/**
 * Issue 24 on the systemd host: {@code toaster backup} while mail arrives, {@code --verify}, an increment, a
 * damaged copy refused with the name of its bad member; then, on a second host freshly installed,
 * {@code toaster restore} of the increment (and the full archive it builds on) brings back users, passwords,
 * mail, the imported ones and the DKIM keys.
 */
final class BackupFlow {

    static final String DIR = "/root/backups";
    private static final String TOASTER = "/opt/toaster/bin/toaster";

    /** What the first host backed up: the archives, the messages that must come back, the DKIM keys' digest. */
    record Taken(List<String> archives, List<String> subjects, String dkim) {
    }

    private BackupFlow() {
    }

    /**
     * On the first host: {@code user} (with {@code maildir}) receives mail during the backups; {@code archived} is
     * the subject of a message it had before them.
     */
    static Taken backUp(ContainerShell host, String user, String maildir, String archived) throws Exception {
        List<String> subjects = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            subjects.add("during-backup-" + i + "-" + System.nanoTime());
        }
        CompletableFuture<Void> arriving = CompletableFuture.runAsync(() -> subjects.forEach(subject -> {
            try {
                MailClient.send(25, Tls.NONE, null, null, "someone@example.org", user, subject);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));
        String full = host.sh(TOASTER + " backup --to " + DIR + " --full 2>&1");
        arriving.join();
        for (String subject : subjects) {
            awaitMessage(host, maildir, subject);
        }
        String fullName = host.sh("ls " + DIR);
        assertTrue(fullName.matches("toaster-backup-\\d{8}-\\d{6}-full\\.tar\\.gz"), fullName + "\n" + full);
        assertEquals("600 700", host.sh("stat -c %a " + DIR + "/" + fullName + " " + DIR + " | paste -sd ' '"),
                "the archive holds keys and hashes");
        host.sh(TOASTER + " backup --verify " + DIR + "/" + fullName);

        String after = "after-the-full-backup-" + System.nanoTime();
        MailClient.send(25, Tls.NONE, null, null, "someone@example.org", user, after);
        awaitMessage(host, maildir, after);
        subjects.add(after);
        String incr = host.sh(TOASTER + " backup --to " + DIR + " 2>&1");
        List<String> archives = host.sh("ls " + DIR).lines().toList();
        assertEquals(2, archives.size(), incr);
        assertTrue(archives.get(1).endsWith("-incr.tar.gz"), archives + "\n" + incr);
        host.sh(TOASTER + " backup --verify " + DIR + "/" + archives.get(1));

        aDamagedArchiveIsRefusedByName(host, fullName, archived);
        return new Taken(archives, subjects, host.sh("cat /opt/toaster/domains/*/.dkim/* | sha256sum"));
    }

    /** A byte of a message in the archive changed (the gzip stream itself intact): verify names that member. */
    private static void aDamagedArchiveIsRefusedByName(ContainerShell host, String archive, String subject)
            throws Exception {
        String verdict = host.sh(String.join(" && ",
                "mkdir -p /root/damaged && cd /root/damaged",
                "gzip -dc " + DIR + "/" + archive + " > plain.tar",
                "at=$(grep -abo " + subject + " plain.tar | head -1 | cut -d: -f1)",
                "printf X | dd of=plain.tar bs=1 seek=$at conv=notrunc status=none",
                "gzip -c plain.tar > " + archive + " && rm plain.tar",
                "{ " + TOASTER + " backup --verify /root/damaged/" + archive + " 2>&1; echo \"exit $?\"; }"));
        assertTrue(verdict.endsWith("exit 1") || verdict.matches("(?s).*exit [1-9]\\d*$"), verdict);
        assertTrue(verdict.contains("/Maildir/"), "the bad member is named: " + verdict);
    }

    /** On a second host, freshly installed: restore the increment copied to {@link #DIR} with its full archive. */
    static void restore(ContainerShell host, Taken taken) throws Exception {
        host.sh("systemctl stop toaster-smtpd toaster-pop3d toaster-wiki");
        String said = host.sh(TOASTER + " restore " + DIR + "/" + taken.archives().get(1) + " 2>&1");
        assertTrue(said.contains("the state it replaced is in /opt/toaster/restore-old-"), said);
        host.sh("systemctl start toaster-smtpd toaster-pop3d toaster-wiki");
        assertEquals("", host.sh("find /opt/toaster/domains /opt/toaster/queue ! -user toaster"), said);
        assertEquals(taken.dkim(), host.sh("cat /opt/toaster/domains/*/.dkim/* | sha256sum"), "the DKIM keys");
    }

    /** After {@link #restore} and the services answering: the users log in with their old passwords. */
    static void loginsAfterRestore(Taken taken, String user, String password) throws Exception {
        String drop = String.join("\n", MailClient.fetchAll(995, user, password));
        taken.subjects().forEach(subject -> assertTrue(drop.contains("Subject: " + subject), subject));
        List<String> uids = MailClient.uidl(995, user, password);
        assertTrue(uids.stream().anyMatch(line -> line.endsWith(" 1700000000.1234.oldhost")),
                "the imported user's old message keeps its POP3 id: " + uids);
    }

    /** A message with this subject in the Maildir directory within a minute; else the queue says why not. */
    static void awaitMessage(ContainerShell host, String directory, String subject) throws Exception {
        host.sh("for i in $(seq 240); do grep -rlq " + subject + " " + directory + " && exit 0; sleep 0.25; done;"
                + " echo 'not delivered: " + subject + "'; " + TOASTER + " queue list; exit 1");
    }
}
