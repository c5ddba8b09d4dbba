package org.godshell.toaster.installer.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.installer.settings.Mode;
import org.godshell.toaster.installer.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The steps that need no bin/toaster, each: not done, apply, done, and what it refuses. */
class StepsTest {

    @TempDir
    Path temp;
    private final StringWriter out = new StringWriter();

    private StepContext context(Mode mode) throws Exception {
        Path root = temp.resolve("toaster");
        Files.createDirectories(root);
        return Contexts.of(root, mode, Optional.empty(), out);
    }

    @Test
    void controlFilesPerModeAndAnEditIsKept() throws Exception {
        StepContext context = context(Mode.SYSTEM);
        ControlFilesStep step = new ControlFilesStep(context);
        assertFalse(step.isDone());
        step.apply();
        assertTrue(step.isDone());
        Path control = context.root().resolve("control");
        assertEquals("mail.example.org\n", Files.readString(control.resolve("me")));
        assertEquals("0.0.0.0:25\n", Files.readString(control.resolve("listen-smtp")));
        assertEquals("0.0.0.0:995\n", Files.readString(control.resolve("listen-pop3s")));
        assertTrue(context.changes().needsRestart());

        Files.writeString(control.resolve("listen-smtp"), "[::]:25\n");
        assertFalse(step.isDone(), "the installer's version goes beside the edited file");
        step.apply();
        assertEquals("[::]:25\n", Files.readString(control.resolve("listen-smtp")));
        assertEquals("0.0.0.0:25\n", Files.readString(control.resolve("listen-smtp.toaster-new")));
        assertTrue(out.toString().contains("kept your control/listen-smtp"), out.toString());
        assertTrue(step.isDone());

        StepContext demo = context(Mode.UNPRIVILEGED);
        new ControlFilesStep(demo).apply();
        assertEquals("127.0.0.1:2525\n", Files.readString(control.resolve("listen-smtp.toaster-new")));
    }

    /**
     * Issue 18 #9: on a new install, clients from outside read control/smtpplugins, the file qmail admins and the
     * tutorials edit; an install that already has control/smtpplugins-external keeps sending them there.
     */
    @Test
    void outsideClientsReadSmtppluginsUnlessThisInstallHasTheOldExternalFile() throws Exception {
        StepContext fresh = context(Mode.SYSTEM);
        new ControlFilesStep(fresh).apply();
        Path rules = fresh.root().resolve("control/tcp.smtp");
        List<String> last = Files.readAllLines(rules);
        assertEquals(":allow", last.getLast(), "no SPPCONFFILE: the default plugin file");

        Files.delete(rules);
        Files.writeString(fresh.root().resolve("control/smtpplugins-external"), "[rcpt]\nplugins/chkuser\n");
        StepContext old = context(Mode.SYSTEM);
        new ControlFilesStep(old).apply();
        assertEquals(":allow,SPPCONFFILE=\"control/smtpplugins-external\"", Files.readAllLines(rules).getLast());
    }

    /**
     * Issue 18 #10: loopback relays only when the admin keeps it; with {@code --no-loopback-relay} programs on the
     * host log in like everyone else, and the rerun that takes the option back writes the relay rule again.
     */
    @Test
    void loopbackRelaysUnlessInstalledWithNoLoopbackRelay() throws Exception {
        StepContext standard = context(Mode.SYSTEM);
        new ControlFilesStep(standard).apply();
        Path rules = standard.root().resolve("control/tcp.smtp");
        assertEquals(List.of("127.:allow,RELAYCLIENT=\"\",SPPCONFFILE=\"control/smtpplugins-local\"",
                "::1:allow,RELAYCLIENT=\"\",SPPCONFFILE=\"control/smtpplugins-local\"", ":allow"), rules(rules));

        new ControlFilesStep(Contexts.noLoopbackRelay(standard.root(), out)).apply();
        assertEquals(List.of("127.:allow,SPPCONFFILE=\"control/smtpplugins-local\"",
                "::1:allow,SPPCONFFILE=\"control/smtpplugins-local\"", ":allow"), rules(rules),
                "loopback keeps the light plugin set and relays no more");
        assertTrue(Files.readString(rules).contains("must log in to relay"), "the file says why");
    }

    /** The rule lines of a tcp.smtp, comments left out. */
    private static List<String> rules(Path file) throws Exception {
        return Files.readAllLines(file).stream().filter(line -> !line.startsWith("#")).toList();
    }

    @Test
    void withoutWikiPortsListenHttpsGoesUnlessEditedAndWikiurlComes() throws Exception {
        StepContext standard = context(Mode.SYSTEM);
        new ControlFilesStep(standard).apply();
        Path control = standard.root().resolve("control");
        assertTrue(Files.exists(control.resolve("listen-https")));

        StepContext behind = Contexts.behindProxy(standard.root(), out);
        ControlFilesStep step = new ControlFilesStep(behind);
        assertFalse(step.isDone());
        step.apply();
        assertTrue(step.isDone());
        assertEquals("127.0.0.1:8080\n", Files.readString(control.resolve("listen-http")));
        assertFalse(Files.exists(control.resolve("listen-https")), "the wiki leaves 443 to the admin's web server");
        assertEquals("https://mail.example.org/\n", Files.readString(control.resolve("wikiurl")));
        assertEquals(java.util.List.of("wiki"), behind.changes().toRestart());

        StepContext back = context(Mode.SYSTEM);
        new ControlFilesStep(back).apply();
        assertEquals("0.0.0.0:443\n", Files.readString(control.resolve("listen-https")));
        assertFalse(Files.exists(control.resolve("wikiurl")));

        Files.writeString(control.resolve("listen-https"), "[::]:443\n");
        new ControlFilesStep(Contexts.behindProxy(standard.root(), out)).apply();
        assertEquals("[::]:443\n", Files.readString(control.resolve("listen-https")), "the admin's edit is kept");
        assertTrue(out.toString().contains("kept your control/listen-https (you changed it); these settings do "
                + "without it"), out.toString());
    }

    @Test
    void permissionsTakeAwayWhatOthersMayReadAndNeverFollowALink() throws Exception {
        StepContext context = context(Mode.UNPRIVILEGED);
        Path root = context.root();
        Path passwd = Files.createDirectories(root.resolve("domains/example.org")).resolve("passwd");
        Files.writeString(passwd, "postmaster@example.org:{SHA512-CRYPT}x\n");
        Files.setPosixFilePermissions(passwd, PosixFilePermissions.fromString("rw-r--r--"));
        Path outside = Files.writeString(temp.resolve("outside"), "not the toaster's");
        Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rw-r--r--"));
        Files.createSymbolicLink(root.resolve("domains/example.org/link"), outside);
        Files.createDirectories(root.resolve("control"));
        Files.writeString(root.resolve("control/servercert.pem"), "key");

        PermissionsStep step = new PermissionsStep(context);
        assertFalse(step.isDone());
        step.apply();
        assertTrue(step.isDone());
        assertEquals("rw-r-----", mode(passwd));
        assertEquals("rwxr-x---", mode(root.resolve("domains")));
        assertEquals("rwx------", mode(root.resolve("queue")));
        assertEquals("rw-------", mode(root.resolve("control/servercert.pem")));
        assertEquals("rw-r--r--", mode(outside), "a link in a mailbox must not lead the installer elsewhere");
    }

    @Test
    void givenCertificateAndKeyBecomeOneFileOnlyTheOwnerReads() throws Exception {
        Path chain = Files.writeString(temp.resolve("chain.pem"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        Path key = Files.writeString(temp.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----");
        Path root = Files.createDirectories(temp.resolve("toaster/control")).getParent();
        StepContext context = Contexts.of(root, Mode.UNPRIVILEGED, Optional.of(new Settings.KeyPair(chain, key)), out);
        CertificateStep step = new CertificateStep(context);
        assertFalse(step.isDone());
        step.apply();
        assertTrue(step.isDone());
        assertEquals(Files.readString(key) + "\n" + Files.readString(chain),
                Files.readString(root.resolve("control/servercert.pem")));
        assertEquals("rw-------", mode(root.resolve("control/servercert.pem")));

        Path swapped = Files.writeString(temp.resolve("swapped.pem"), Files.readString(chain));
        StepContext wrong = Contexts.of(root, Mode.UNPRIVILEGED, Optional.of(new Settings.KeyPair(chain, swapped)), out);
        StepException e = assertThrows(StepException.class, () -> new CertificateStep(wrong).isDone());
        assertTrue(e.getMessage().contains("--key " + swapped + " holds no PEM \"PRIVATE KEY\" block"), e.getMessage());

        Path huge = Files.write(temp.resolve("huge.pem"), new byte[(int) CertificateStep.MAX_PEM_BYTES + 1]);
        StepContext big = Contexts.of(root, Mode.UNPRIVILEGED, Optional.of(new Settings.KeyPair(huge, key)), out);
        assertThrows(StepException.class, () -> new CertificateStep(big).isDone());
    }

    @Test
    void theLinkToTheAcmeCertificateIsTheCertificateUnlessOneIsGiven() throws Exception {
        Path root = Files.createDirectories(temp.resolve("toaster/control/acme")).getParent().getParent();
        Path link = root.resolve("control/servercert.pem");
        Files.createSymbolicLink(link, Path.of("acme/servercert.pem"));
        StepContext rerun = Contexts.of(root, Mode.UNPRIVILEGED, Optional.empty(), out);
        assertFalse(new CertificateStep(rerun).isDone(), "a dangling link is no certificate");
        Files.writeString(root.resolve("control/acme/servercert.pem"), "key and chain\n");
        assertTrue(new CertificateStep(rerun).isDone(), "a rerun keeps the ACME certificate");

        Files.delete(link);
        Files.createSymbolicLink(link, Path.of("/etc/passwd"));
        assertFalse(new CertificateStep(rerun).isDone(), "a link elsewhere is not the ACME certificate");

        Files.delete(link);
        Files.createSymbolicLink(link, Path.of("acme/servercert.pem"));
        Path chain = Files.writeString(temp.resolve("chain.pem"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        Path key = Files.writeString(temp.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n");
        StepContext given = Contexts.of(root, Mode.UNPRIVILEGED, Optional.of(new Settings.KeyPair(chain, key)), out);
        assertFalse(new CertificateStep(given).isDone(), "--cert and --key replace the ACME certificate");
        new CertificateStep(given).apply();
        assertFalse(Files.isSymbolicLink(link));
        assertEquals("key and chain\n", Files.readString(root.resolve("control/acme/servercert.pem")),
                "the link is replaced, not what it pointed to");
    }

    @Test
    void unitFilesRefuseAPrefixSystemdWouldSplitOrExpand() throws Exception {
        for (String bad : new String[] {"with space", "percent%i", "quote\"d"}) {
            Path root = Files.createDirectories(temp.resolve(bad));
            StepContext context = Contexts.of(root, Mode.SYSTEM, Optional.empty(), out);
            assertThrows(StepException.class, () -> new ServiceUnitsStep(context).render("smtpd"));
        }
        String unit = new ServiceUnitsStep(context(Mode.SYSTEM)).render("pop3d");
        assertTrue(unit.contains("ExecStart=" + temp.resolve("toaster") + "/bin/toaster pop3d\n"), unit);
    }

    @Test
    void aMadeUpPasswordIsLongAndFromTheUnambiguousAlphabet() throws Exception {
        MailboxStep step = new MailboxStep(context(Mode.UNPRIVILEGED));
        String a = new String(step.generate());
        String b = new String(step.generate());
        assertEquals(MailboxStep.GENERATED_LENGTH, a.length());
        assertTrue(a.matches("[A-HJ-NP-Za-km-z2-9]+"), a);
        assertFalse(a.equals(b));
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
