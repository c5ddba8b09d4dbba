package org.godshell.toaster.installer.imap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.godshell.toaster.tls.SelfSigned;
import org.godshell.toaster.users.PasswordScheme;
import org.godshell.toaster.users.UserStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drop-in the installer writes, in the host's real Dovecot beside the distribution's own configuration: users
 * of a toaster's passwd file log in (a SHA512-CRYPT one with LOGIN after STARTTLS, a SCRAM-SHA-256 one over
 * IMAPS), read the mail the toaster delivered to their Maildir, see their quota and the Junk folder, and the
 * certificate served is the toaster's. The mail belongs to the system user {@code mail}, standing in for {@code
 * toaster}. Skipped without Dovecot or root; CI installs dovecot-imapd and runs it.
 */
class RealDovecotTest {

    private static final String ANN = "ann@example.org";
    private static final String BOB = "bob@example.org";
    private static final String PASSWORD = "correct horse battery";
    private static final String MESSAGE = "From: <carol@example.net>\r\nTo: <ann@example.org>\r\nSubject: hello ann"
            + "\r\n\r\ndelivered by the toaster, read through Dovecot\r\n";

    @TempDir
    Path temp;
    private Path prefix;
    private UserStore users;
    private RealDovecot dovecot;
    private DovecotVersion version;

    @BeforeEach
    void toasterAndDovecot() throws Exception {
        version = RealDovecot.require();
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        prefix = Files.createDirectories(temp.resolve("toaster"));
        Files.createDirectories(prefix.resolve("control"));
        users = UserStore.open(prefix);
        users.addDomain("example.org");
        users.addUser(ANN, PASSWORD.toCharArray());
        users.addUser(BOB, PASSWORD.toCharArray(), PasswordScheme.SCRAM_SHA_256);
        users.setQuota(ANN, "10M");
        Files.writeString(prefix.resolve("domains/example.org/ann/Maildir/new/1700000000.M1P1.test,S="
                + MESSAGE.length()), MESSAGE, StandardCharsets.US_ASCII);
        Path junk = prefix.resolve("domains/example.org/ann/Maildir/.Junk");
        for (String sub : new String[] {"cur", "new", "tmp"}) {
            Files.createDirectories(junk.resolve(sub));
        }
        Files.writeString(junk.resolve("new/1700000001.M2P1.test,S=" + MESSAGE.length()), MESSAGE,
                StandardCharsets.US_ASCII);
        Files.writeString(prefix.resolve("control/servercert.pem"), SelfSigned.create("localhost"),
                StandardCharsets.US_ASCII);
        RealDovecot.ownAsTheInstallerDoes(prefix);
        dovecot = RealDovecot.start(temp, new DropIn(prefix, "mail", version.syntax().orElseThrow()));
    }

    @AfterEach
    void stop() throws Exception {
        if (dovecot != null) {
            dovecot.close();
        }
    }

    @Test
    void aCryptUserLogsInAfterStartTlsAndReadsTheToastersMaildir() throws Exception {
        try (ImapClient client = ImapClient.connect(dovecot.imap, false)) {
            String refused = client.command("LOGIN " + ANN + " \"" + PASSWORD + "\"");
            assertTrue(refused.matches("(?s).*a1 (NO|BAD) .*"), "no password before TLS:\n" + client.transcript());
            client.startTls(dovecot.imap);
            String login = client.command("LOGIN " + ANN + " \"" + PASSWORD + "\"");
            assertTrue(login.contains("a3 OK"), client.transcript() + dovecot.log());
            // Debian's 10-auth.conf brings PAM; the users' file comes first, so a mailbox's login never waits for
            // PAM's failure delay nor leaves its failure in the log.
            assertFalse(dovecot.log().contains("pam(" + ANN), dovecot.log());
            String select = client.command("SELECT INBOX");
            assertTrue(select.contains("* 1 EXISTS"), client.transcript());
            String fetch = client.command("FETCH 1 BODY[]");
            assertTrue(fetch.contains("delivered by the toaster, read through Dovecot"), client.transcript());
            String quota = client.command("GETQUOTAROOT INBOX");
            assertTrue(quota.matches("(?s).*\\* QUOTA \"User quota\" \\(STORAGE [0-9]+ 10240\\).*"),
                    "the toaster's quota of 10M, in KiB (RFC 9208 §5.1):\n" + client.transcript());
            String list = client.command("LIST \"\" \"*\"");
            assertTrue(list.matches("(?s).*\\* LIST \\([^)]*\\\\Junk[^)]*\\) \"\\.\" Junk\r?\n.*"),
                    "the Junk folder, marked for clients (RFC 6154):\n" + client.transcript());
            String junk = client.command("STATUS Junk (MESSAGES)");
            assertTrue(junk.contains("* STATUS Junk (MESSAGES 1)"),
                    "what the toaster's DMARC check filed in Maildir/.Junk:\n" + client.transcript());
            client.command("LOGOUT");
        }
    }

    @Test
    void aScramUserLogsInOverImapsWithTheToastersCertificate() throws Exception {
        try (ImapClient client = ImapClient.connect(dovecot.imaps, true)) {
            assertArrayEquals(toasterCertificate().getEncoded(), client.served().getEncoded(),
                    "IMAPS serves control/servercert.pem");
            assertTrue(ScramClient.login(client, BOB, PASSWORD).contains(" OK"), client.transcript() + dovecot.log());
            assertTrue(client.command("SELECT INBOX").contains(" OK"), client.transcript());
        }
    }

    /**
     * Two new passwords of one scheme leave the file's size as it was: Dovecot, which looks at the size and the
     * second of the file's date, would keep the first of two edits made in the second it read the file in, for
     * good, if the toaster did not date each version a later second.
     */
    @Test
    void theLastOfTwoPasswordChangesInOneSecondIsTheOneDovecotChecks() throws Exception {
        String first = "first new password";
        String last = "final new password";
        users.setPassword(BOB, first.toCharArray(), PasswordScheme.SCRAM_SHA_256);
        RealDovecot.ownAsTheInstallerDoes(prefix);
        try (ImapClient client = ImapClient.connect(dovecot.imaps, true)) {
            assertTrue(ScramClient.login(client, BOB, first).contains(" OK"), client.transcript() + dovecot.log());
        }
        users.setPassword(BOB, last.toCharArray(), PasswordScheme.SCRAM_SHA_256);
        RealDovecot.ownAsTheInstallerDoes(prefix);
        ImapClient.awaitNextSecond();
        try (ImapClient client = ImapClient.connect(dovecot.imaps, true)) {
            assertTrue(ScramClient.login(client, BOB, last).contains(" OK"), client.transcript() + dovecot.log());
        }
        try (ImapClient client = ImapClient.connect(dovecot.imaps, true)) {
            assertTrue(ScramClient.login(client, BOB, first).contains(" NO"), client.transcript());
        }
    }

    @Test
    void aWrongPasswordIsRefusedAndDovecotTakesNoPop3Port() throws Exception {
        try (ImapClient client = ImapClient.connect(dovecot.imaps, true)) {
            String login = client.command("LOGIN " + ANN + " \"wrong password here\"");
            assertTrue(login.contains("a1 NO"), client.transcript());
        }
        assertEquals("imap", dovecot.doveconf("-h", "protocols").strip(), "POP3 stays the toaster's");
    }

    private X509Certificate toasterCertificate() throws Exception {
        String pem = Files.readString(prefix.resolve("control/servercert.pem"), StandardCharsets.US_ASCII);
        int begin = pem.indexOf("-----BEGIN CERTIFICATE-----");
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(pem.substring(begin).getBytes(StandardCharsets.US_ASCII)));
    }
}
