package org.godshell.toaster.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.godshell.toaster.installer.MailClient.Tls;

/**
 * Issue 24 on the systemd host: an old qmail/vpopmail toaster's files, laid out where such a host keeps them
 * ({@code /var/qmail}, {@code /home/vpopmail}, {@code /etc/tcp.smtp}: the command's defaults), are taken over with
 * {@code toaster import qmail}. A dry run changes nothing; the real run lets the users log in with their old
 * passwords (a DES crypt over POP3S, an MD5-crypt over SMTP AUTH), lists the old messages under the same UIDLs,
 * delivers through the imported alias and domain alias; a rerun adds nothing; the old tree is never touched.
 *
 * <p>The hashes are real: {@code ab7AWqUcb0D2M} is Python's {@code crypt.crypt("ann-old-pw", "ab")}, and the
 * {@code $1$} one {@code openssl passwd -1 -salt saltsalt joe-old-pw}.
 */
final class QmailImportFlow {

    private static final String TOASTER = "/opt/toaster/bin/toaster";
    private static final String OLD = "/home/vpopmail/domains/oldmail.test";
    private static final String NEW = "/opt/toaster/domains/oldmail.test";
    static final String ANN = "ann@oldmail.test";
    static final String ANN_PASSWORD = "ann-old-pw";
    private static final String JOE = "joe@oldmail.test";
    private static final String JOE_PASSWORD = "joe-old-pw";
    private static final List<String> OLD_UIDS = List.of("1700000000.1234.oldhost", "1700000001.1235.oldhost");

    private final ContainerShell container;

    private QmailImportFlow(ContainerShell container) {
        this.container = container;
    }

    static void run(ContainerShell container) throws Exception {
        QmailImportFlow flow = new QmailImportFlow(container);
        flow.layOutTheOldToaster();
        String oldTree = flow.fingerprint("/home/vpopmail /var/qmail /etc/tcp.smtp");
        // The wiki daemon records each ACME renewal check in control/acme/state on its own schedule (the first a
        // minute after it started, which can fall here when the steps before ran fast): not the import's doing.
        String prefixes = "/opt/toaster/control /opt/toaster/domains -path /opt/toaster/control/acme -prune -o";
        String prefix = flow.fingerprint(prefixes);

        String plan = container.sh(TOASTER + " import qmail --dry-run 2>&1");
        assertTrue(plan.contains(ANN) && plan.contains("info"), plan);
        String after = flow.fingerprint(prefixes);
        assertTrue(prefix.equals(after), "a dry run writes nothing: " + changes(prefix, after));

        String report = container.sh(TOASTER + " import qmail --mail copy 2>&1");
        assertEquals("", container.sh("find " + NEW + " ! -user toaster"), "imported files belong to toaster\n" + report);
        flow.oldPasswordsWork();
        flow.aliasesDeliver();

        String messages = container.sh("find " + NEW + "/ann/Maildir -type f -path '*/cur/*' -o -type f -path '*/new/*'"
                + " | wc -l");
        String again = container.sh(TOASTER + " import qmail --mail copy 2>&1");
        assertEquals(messages, container.sh("find " + NEW + "/ann/Maildir -type f -path '*/cur/*' -o -type f"
                + " -path '*/new/*' | wc -l"), "a rerun copies nothing twice\n" + again);
        assertFalse(container.sh("cat " + NEW + "/aliases").lines().filter(line -> line.startsWith("info:")).count() > 1,
                "a rerun adds no alias twice");
        String oldAfter = flow.fingerprint("/home/vpopmail /var/qmail /etc/tcp.smtp");
        assertTrue(oldTree.equals(oldAfter), "the old tree is untouched: " + changes(oldTree, oldAfter));
        // The page's next step: the imported domains sign their mail (the doctor warns until they do).
        container.sh(TOASTER + " dkim keygen oldmail.test && " + TOASTER + " dkim keygen alias.test");
    }

    private void oldPasswordsWork() throws Exception {
        List<String> uids = MailClient.uidl(995, ANN, ANN_PASSWORD).stream().map(line -> line.split(" ")[1]).toList();
        assertTrue(uids.containsAll(OLD_UIDS), "the old messages keep their POP3 ids: " + uids);
        MailClient.send(587, Tls.STARTTLS, JOE, JOE_PASSWORD, JOE, ANN, "joe-logs-in-" + System.nanoTime());
    }

    private void aliasesDeliver() throws Exception {
        String viaAlias = "via-info-" + System.nanoTime();
        MailClient.send(25, Tls.NONE, null, null, "someone@example.org", "info@oldmail.test", viaAlias);
        String viaDomainAlias = "via-alias-domain-" + System.nanoTime();
        MailClient.send(25, Tls.NONE, null, null, "someone@example.org", "ann@alias.test", viaDomainAlias);
        for (String subject : List.of(viaAlias, viaDomainAlias)) {
            BackupFlow.awaitMessage(container, NEW + "/ann/Maildir/new", subject);
        }
    }

    /**
     * Every file and directory under {@code roots} (find's starting points, and a pruning expression ending in
     * {@code -o}): path, size, mode, owner and modification time, sorted.
     */
    private String fingerprint(String roots) throws Exception {
        return container.sh("find " + roots + " -printf '%p %s %m %U %T@\\n' | sort");
    }

    /** The lines of one listing that the other lacks, each way: what changed, for the failure message. */
    private static String changes(String before, String after) {
        List<String> gone = new ArrayList<>(before.lines().toList());
        gone.removeAll(after.lines().toList());
        List<String> come = new ArrayList<>(after.lines().toList());
        come.removeAll(before.lines().toList());
        return "before only " + gone + ", after only " + come;
    }

    private void layOutTheOldToaster() throws Exception {
        container.sh(String.join("\n",
                "set -e",
                "mkdir -p /var/qmail/control " + OLD + "/ann/Maildir/cur " + OLD + "/ann/Maildir/new "
                        + OLD + "/ann/Maildir/tmp " + OLD + "/joe/Maildir/cur " + OLD + "/joe/Maildir/new "
                        + OLD + "/joe/Maildir/tmp",
                "cd /var/qmail/control",
                "echo mail.oldmail.test > me",
                "printf 'oldmail.test\\nalias.test\\n' > rcpthosts",
                "echo localhost > locals",
                "printf 'oldmail.test:oldmail.test\\nalias.test:oldmail.test\\n' > virtualdomains",
                "echo 20000000 > databytes",
                "printf '127.:allow,RELAYCLIENT=\"\"\\n:allow\\n' > /etc/tcp.smtp",
                "cd " + OLD,
                "printf '%s\\n' 'ann:ab7AWqUcb0D2M:1:0:Ann Old:" + OLD + "/ann:NONE:" + ANN_PASSWORD + "'"
                        + " 'joe:$1$saltsalt$PgdEbY0pYfDjjyL.LS48M1:1:0:Joe Old:" + OLD + "/joe:50000000S:"
                        + JOE_PASSWORD + "' > vpasswd",
                "echo '&ann@oldmail.test' > .qmail-info",
                "echo \"| /home/vpopmail/bin/vdelivermail '' bounce-no-mailbox\" > .qmail-default",
                "printf 'From: a@example.org\\r\\nSubject: old-seen\\r\\n\\r\\nseen before\\r\\n' > ann/Maildir/cur/"
                        + OLD_UIDS.get(0) + ":2,S",
                "printf 'From: a@example.org\\r\\nSubject: old-new\\r\\n\\r\\nnot yet read\\r\\n' > ann/Maildir/new/"
                        + OLD_UIDS.get(1),
                "chmod -R go-rwx /home/vpopmail"));
    }
}
