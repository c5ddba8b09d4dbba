package org.godshell.toaster.installer.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.installer.imap.DovecotVersion;
import org.godshell.toaster.installer.imap.DropIn;
import org.godshell.toaster.installer.imap.ReloadUnits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IMAP steps against stand-ins for Dovecot, apt-get ({@link FakeDovecot}) and systemctl ({@link
 * FakeSystemctl}): the package installed without questions, the drop-in of the version found checked and rolled
 * back when Dovecot refuses it, Dovecot restarted only when it changed, the reload units, and an uninstall that
 * removes only the installer's files.
 */
class ImapStepsTest {

    private static final String V23 = "2.3.19.1 (9b53102964)";

    @TempDir
    Path temp;
    private final StringWriter out = new StringWriter();
    private FakeSystemctl systemctl;
    private Path root;

    @BeforeEach
    void host() throws Exception {
        systemctl = FakeSystemctl.in(temp.resolve("systemd"));
        root = Files.createDirectories(temp.resolve("toaster")).toRealPath();
    }

    private StepContext context(FakeDovecot dovecot) throws Exception {
        return Contexts.withDovecot(root, Optional.of(systemctl.systemd()), dovecot.dovecot(), true, out);
    }

    @Test
    void thePackageIsInstalledWithAptGetWithoutQuestions() throws Exception {
        FakeDovecot dovecot = FakeDovecot.in(temp.resolve("dovecot"), V23, false);
        ImapPackageStep step = new ImapPackageStep(context(dovecot));
        assertFalse(step.isDone());
        step.apply();
        assertTrue(step.isDone());
        assertEquals(List.of("apt-get DEBIAN_FRONTEND=noninteractive -o DPkg::Lock::Timeout=600 install -y -q "
                + "dovecot-imapd"), dovecot.calls());
        assertTrue(out.toString().contains("apt-get install dovecot-imapd"), out.toString());
    }

    @Test
    void aHostWithoutPackageListsGetsThemOnceAndTheInstallIsTriedAgain() throws Exception {
        FakeDovecot dovecot = FakeDovecot.in(temp.resolve("dovecot"), V23, false);
        dovecot.set("no-lists", "");
        new ImapPackageStep(context(dovecot)).apply();
        assertEquals(3, dovecot.calls().size(), dovecot.calls().toString());
        assertTrue(dovecot.calls().get(1).endsWith(" update -q"), dovecot.calls().toString());
        assertTrue(dovecot.dovecot().installed());
    }

    @Test
    void withoutAptGetTheStepNamesThePackageAndTheWayOut() throws Exception {
        FakeDovecot dovecot = FakeDovecot.in(temp.resolve("dovecot"), V23, false);
        Files.delete(dovecot.dovecot().aptGet());
        StepException e = assertThrows(StepException.class, () -> new ImapPackageStep(context(dovecot)).apply());
        assertTrue(e.getMessage().contains("dovecot-imapd") && e.getMessage().contains("--no-imap"), e.getMessage());
    }

    @Test
    void theDropInOfTheVersionFoundIsWrittenCheckedAndDovecotRestartedOnce() throws Exception {
        FakeDovecot dovecot = FakeDovecot.in(temp.resolve("dovecot"), V23, true);
        ImapConfigStep step = new ImapConfigStep(context(dovecot));
        assertFalse(step.isDone());
        step.apply();
        DropIn written = new DropIn(root, SystemUserStep.USER, DovecotVersion.Syntax.V2_3);
        assertEquals(written.render(), Files.readString(dovecot.dropIn(), StandardCharsets.UTF_8));
        assertEquals(written.users(), Files.readString(dovecot.dovecot().usersDropIn(), StandardCharsets.UTF_8));
        assertTrue(dovecot.calls().contains("doveconf -n"), dovecot.calls().toString());
        assertEquals(List.of("enable --quiet dovecot.service", "restart dovecot.service"), systemctl.calls());
        assertTrue(out.toString().contains("Dovecot " + V23 + ": wrote " + dovecot.dropIn() + " and "
                + "05-toaster-users.conf (2.3 syntax); doveconf -n accepts them"), out.toString());

        systemctl.forgetCalls();
        ImapConfigStep rerun = new ImapConfigStep(context(dovecot));
        assertTrue(rerun.isDone(), "an unchanged drop-in and a running Dovecot");
        rerun.apply();
        assertFalse(systemctl.calls().contains("restart dovecot.service"), "nothing changed, nothing restarted");
    }

    @Test
    void dovecot24GetsThe24Syntax() throws Exception {
        FakeDovecot dovecot = FakeDovecot.in(temp.resolve("dovecot"), "2.4.1-4 (7d8c0e5759)", true);
        new ImapConfigStep(context(dovecot)).apply();
        String text = Files.readString(dovecot.dropIn(), StandardCharsets.UTF_8);
        assertTrue(text.contains("\nssl_server_cert_file = " + root + "/control/servercert.pem\n"), text);
        String users = Files.readString(dovecot.dovecot().usersDropIn(), StandardCharsets.UTF_8);
        assertTrue(users.contains("\npassdb toaster {\n"), users);
    }

    @Test
    void aDropInDovecotRefusesIsRolledBackToThePreviousOne() throws Exception {
        FakeDovecot dovecot = FakeDovecot.in(temp.resolve("dovecot"), V23, true);
        Files.writeString(dovecot.dropIn(), "# the drop-in of an earlier version\n", StandardCharsets.UTF_8);
        dovecot.set("refuse", "");
        StepException e = assertThrows(StepException.class, () -> new ImapConfigStep(context(dovecot)).apply());
        assertTrue(e.getMessage().contains("Unknown setting: ssl_server_cert_file"), "Dovecot's own words: "
                + e.getMessage());
        assertTrue(e.getMessage().contains("the previous one is back"), e.getMessage());
        assertEquals("# the drop-in of an earlier version\n", Files.readString(dovecot.dropIn()));
        assertFalse(Files.exists(dovecot.dovecot().usersDropIn()), "the earlier version had no users' file");
        assertFalse(systemctl.calls().contains("restart dovecot.service"), "a refused drop-in restarts nothing");
    }

    @Test
    void anEarlierDropInWithTheUsersInsideLeavesThemToTheUsersFile() throws Exception {
        FakeDovecot dovecot = FakeDovecot.in(temp.resolve("dovecot"), V23, true);
        DropIn dropIn = new DropIn(root, SystemUserStep.USER, DovecotVersion.Syntax.V2_3);
        Files.writeString(dovecot.dropIn(), dropIn.render() + dropIn.users(), StandardCharsets.UTF_8);
        new ImapConfigStep(context(dovecot)).apply();
        assertFalse(Files.readString(dovecot.dropIn()).contains("passdb"), "one passdb, read before PAM's");
        assertTrue(Files.readString(dovecot.dovecot().usersDropIn()).contains("\npassdb {\n  driver = passwd-file"));
    }

    @Test
    void aRefusedFirstDropInIsRemovedAndDovecotLoadsAsBefore() throws Exception {
        FakeDovecot dovecot = FakeDovecot.in(temp.resolve("dovecot"), V23, true);
        dovecot.set("refuse", "");
        StepException e = assertThrows(StepException.class, () -> new ImapConfigStep(context(dovecot)).apply());
        assertFalse(Files.exists(dovecot.dropIn()) || Files.exists(dovecot.dovecot().usersDropIn()));
        assertTrue(e.getMessage().contains("it was removed, and Dovecot's configuration loads as before"),
                e.getMessage());
    }

    @Test
    void aDovecotBrokenBeforeTheInstallerIsToldApart() throws Exception {
        FakeDovecot dovecot = FakeDovecot.in(temp.resolve("dovecot"), V23, true);
        dovecot.set("broken", "doveconf: Fatal: Error in configuration file /etc/dovecot/conf.d/10-ssl.conf line 12: "
                + "ssl_cert: Can't open file /etc/dovecot/private/dovecot.pem: No such file or directory\n");
        StepException e = assertThrows(StepException.class, () -> new ImapConfigStep(context(dovecot)).apply());
        assertTrue(e.getMessage().contains("10-ssl.conf line 12"), e.getMessage());
        assertTrue(e.getMessage().contains("does not load without it either: fix that first"), e.getMessage());
        assertFalse(Files.exists(dovecot.dropIn()));
    }

    @Test
    void aDovecotThatDoesNotReadConfDIsToldAndKeepsNoDropIn() throws Exception {
        FakeDovecot dovecot = FakeDovecot.in(temp.resolve("dovecot"), V23, true);
        dovecot.set("no-include", "");
        StepException e = assertThrows(StepException.class, () -> new ImapConfigStep(context(dovecot)).apply());
        assertTrue(e.getMessage().contains("!include conf.d/*.conf"), e.getMessage());
        assertFalse(Files.exists(dovecot.dropIn()));
    }

    @Test
    void aVersionTheInstallerDoesNotKnowChangesNothing() throws Exception {
        FakeDovecot dovecot = FakeDovecot.in(temp.resolve("dovecot"), "2.2.36.4 (baf9232c1)", true);
        StepException e = assertThrows(StepException.class, () -> new ImapConfigStep(context(dovecot)).apply());
        assertTrue(e.getMessage().contains("2.2.36.4") && e.getMessage().contains("--no-imap"), e.getMessage());
        assertFalse(Files.exists(dovecot.dropIn()));
    }

    @Test
    void theReloadUnitsAreWrittenEnabledAndWatching() throws Exception {
        FakeDovecot dovecot = FakeDovecot.in(temp.resolve("dovecot"), V23, true);
        ImapReloadStep step = new ImapReloadStep(context(dovecot));
        assertFalse(step.isDone());
        step.apply();
        for (String unit : ReloadUnits.UNITS) {
            assertEquals(new ReloadUnits(root).render().get(unit), Files.readString(systemctl.systemd().units()
                    .resolve(unit)), unit);
        }
        assertTrue(systemctl.enabled(ReloadUnits.PATH) && systemctl.active(ReloadUnits.PATH));
        assertTrue(step.isDone());
        assertTrue(out.toString().contains(ReloadUnits.PATH + " watches " + root + "/control/servercert.pem"));
    }

    @Test
    void uninstallRemovesOnlyTheInstallersFilesAndReloadsDovecot() throws Exception {
        FakeDovecot dovecot = FakeDovecot.in(temp.resolve("dovecot"), V23, true);
        Path theirs = Files.writeString(dovecot.dropIn().resolveSibling("10-auth.conf"), "auth_mechanisms = plain\n");
        new ImapConfigStep(context(dovecot)).apply();
        new ImapReloadStep(context(dovecot)).apply();
        systemctl.forgetCalls();
        RemoveImapStep remove = new RemoveImapStep(context(dovecot));
        assertFalse(remove.isDone());
        remove.apply();
        assertTrue(remove.isDone());
        assertFalse(Files.exists(dovecot.dropIn()) || Files.exists(dovecot.dovecot().usersDropIn()));
        assertEquals("auth_mechanisms = plain\n", Files.readString(theirs), "Dovecot's own files stay");
        for (String unit : ReloadUnits.UNITS) {
            assertFalse(Files.exists(systemctl.systemd().units().resolve(unit)), unit);
        }
        assertTrue(systemctl.calls().contains("try-reload-or-restart dovecot.service"), systemctl.calls().toString());
        assertFalse(systemctl.enabled(ReloadUnits.PATH));
    }

    @Test
    void theStepsComeOnlyWithASystemInstallThatWantsImap() throws Exception {
        FakeDovecot dovecot = FakeDovecot.in(temp.resolve("dovecot"), V23, true);
        List<String> names = InstallSteps.of(context(dovecot), () -> null, false).stream().map(Step::name).toList();
        assertEquals(List.of("imap-package", "imap-config", "imap-cert-reload"), names.subList(names.size() - 3,
                names.size()), names.toString());
        StepContext demo = Contexts.of(root, org.godshell.toaster.installer.settings.Mode.UNPRIVILEGED,
                Optional.empty(), out);
        assertTrue(InstallSteps.of(demo, () -> null, false).stream().noneMatch(s -> s.name().startsWith("imap")));
        assertTrue(UninstallSteps.of(demo, false).stream().noneMatch(s -> s.name().equals("remove-imap")));
    }
}
