package org.godshell.toaster.installer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.godshell.toaster.installer.imap.ImapClient;
import org.godshell.toaster.installer.imap.ScramClient;

/**
 * Issue 21 on the systemd host, after the installer set Dovecot up: a user the toaster made and delivered to
 * reads its mail over IMAP (LOGIN only after STARTTLS on 143; IMAPS on 993 with the toaster's certificate), flags
 * a message and moves another to a new folder while POP3's unique ids of what stays in the inbox do not change;
 * a SCRAM-SHA-256 user added with {@code toaster user add} logs in from the next second on (Dovecot looks at a
 * passwd file at most once a second), and the quota set with {@code toaster user quota} is Dovecot's too.
 *
 * <p>IMAP connections come from 127.0.0.2 ({@link ImapClient}): Dovecot counts a client on its own address as secure.
 */
final class ImapFlow {

    private static final String TOASTER = "/opt/toaster/bin/toaster";
    private static final Pattern UID = Pattern.compile("\\* SEARCH (\\d+)");

    private final ContainerShell container;

    private ImapFlow(ContainerShell container) {
        this.container = container;
    }

    /**
     * {@code user} (with {@code password}) holds two delivered messages whose subjects are {@code kept} and
     * {@code moved} in its inbox.
     */
    static void run(ContainerShell container, String user, String password, String kept, String moved)
            throws Exception {
        ImapFlow flow = new ImapFlow(container);
        assertEquals("active", container.sh("systemctl is-active dovecot.service"), "the installer started Dovecot");
        flow.noPasswordBeforeStartTls(user, password);
        flow.readFlagAndMove(user, password, kept, moved);
        flow.scramUserWithQuota();
    }

    private void noPasswordBeforeStartTls(String user, String password) throws Exception {
        try (ImapClient client = ImapClient.connect(143, false)) {
            String refused = client.command("LOGIN " + user + " " + password);
            assertFalse(refused.contains("a1 OK"), "a password in the clear on 143:\n" + client.transcript());
            client.startTls(143);
            assertTrue(client.command("LOGIN " + user + " " + password).contains(" OK"), client.transcript());
        }
    }

    private void readFlagAndMove(String user, String password, String kept, String moved) throws Exception {
        List<String> before = MailClient.uidl(995, user, password);
        try (ImapClient client = ImapClient.connect(993, true)) {
            assertArrayEquals(toasterCertificate().getEncoded(), client.served().getEncoded(),
                    "IMAPS serves the toaster's control/servercert.pem");
            assertTrue(client.command("LOGIN " + user + " " + password).contains(" OK"), client.transcript());
            assertTrue(client.command("SELECT INBOX").contains(" OK"), client.transcript());
            String keptUid = uid(client, kept);
            String movedUid = uid(client, moved);
            assertTrue(client.command("UID FETCH " + keptUid + " BODY.PEEK[HEADER.FIELDS (SUBJECT)]")
                    .contains("Subject: " + kept), client.transcript());
            assertTrue(client.command("UID STORE " + keptUid + " +FLAGS (\\Flagged)").contains("\\Flagged"),
                    client.transcript());
            assertTrue(client.command("CREATE Archive").contains(" OK"), client.transcript());
            assertTrue(client.command("UID MOVE " + movedUid + " Archive").contains(" OK"), client.transcript());
            assertTrue(client.command("SELECT Archive").contains("* 1 EXISTS"), client.transcript());
            client.command("LOGOUT");
        }
        List<String> after = MailClient.uidl(995, user, password);
        assertEquals(before.size() - 1, after.size(), "POP3 shows the inbox only: " + before + " then " + after);
        List<String> keptIds = new ArrayList<>(before.stream().map(line -> line.split(" ")[1]).toList());
        keptIds.retainAll(after.stream().map(line -> line.split(" ")[1]).toList());
        assertEquals(after.size(), keptIds.size(), "flags set over IMAP change no POP3 unique id: " + before
                + " then " + after);
        String domain = user.substring(user.indexOf('@') + 1);
        String maildir = "/opt/toaster/domains/" + domain + "/" + user.substring(0, user.indexOf('@')) + "/Maildir";
        assertEquals("", container.sh("find " + maildir + " ! -user toaster"), "what Dovecot wrote is the toaster's");
        assertTrue(container.sh("ls -a " + maildir).contains(".Archive"), "a Maildir++ folder");
    }

    private void scramUserWithQuota() throws Exception {
        String carol = "carol@example.test";
        String password = "carol-password-1";
        container.sh("echo " + password + " | " + TOASTER + " user add --scheme scram-sha-256 " + carol);
        container.sh(TOASTER + " user quota " + carol + " 4K");
        // Dovecot may have looked at the passwd file in this very second (bob's logins), before the edits.
        ImapClient.awaitNextSecond();
        try (ImapClient client = ImapClient.connect(993, true)) {
            assertTrue(ScramClient.login(client, carol, password).contains(" OK"),
                    "a user added a moment ago, by SCRAM:\n" + client.transcript());
            String quota = client.command("GETQUOTAROOT INBOX");
            assertTrue(quota.matches("(?s).*\\* QUOTA \"User quota\" \\(STORAGE [0-9]+ 4\\).*"),
                    "toaster user quota's 4K, in KiB (RFC 9208 §5.1):\n" + client.transcript());
            String message = "Subject: too big\r\n\r\n" + "x".repeat(8_000);
            String append = client.start("APPEND INBOX {" + message.getBytes(StandardCharsets.US_ASCII).length + "}");
            String refused = append.startsWith("+") ? client.continuation(message) : append;
            assertTrue(refused.contains("NO [OVERQUOTA]"), "8 KB into a 4K quota:\n" + client.transcript());
        }
    }

    private static String uid(ImapClient client, String subject) throws Exception {
        String found = client.command("UID SEARCH SUBJECT " + subject);
        Matcher uid = UID.matcher(found);
        assertTrue(uid.find(), "one message with " + subject + ":\n" + client.transcript());
        return uid.group(1);
    }

    private X509Certificate toasterCertificate() throws Exception {
        String pem = container.sh("cat /opt/toaster/control/servercert.pem");
        String first = pem.substring(pem.indexOf("-----BEGIN CERTIFICATE-----"),
                pem.indexOf("-----END CERTIFICATE-----") + "-----END CERTIFICATE-----".length());
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(first.getBytes(StandardCharsets.US_ASCII)));
    }
}
