package org.godshell.toaster.qmailimport.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.godshell.toaster.io.Handover;
import org.godshell.toaster.qmailimport.oldhost.OldToaster;
import org.godshell.toaster.qmailimport.oldhost.OldToasterReader;
import org.godshell.toaster.qmailimport.plan.Action;
import org.godshell.toaster.qmailimport.plan.Plan;
import org.godshell.toaster.qmailimport.plan.Planner;
import org.godshell.toaster.qmailimport.plan.Step;
import org.godshell.toaster.users.UserStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Read an old tree, plan, apply, run again: users log in with the old password, nothing is duplicated. */
class ImportRunTest {

    @TempDir
    Path root;
    @TempDir
    Path prefix;

    private OldTree old;
    private UserStore store;

    @BeforeEach
    void trees() throws Exception {
        old = new OldTree(root);
        OldTree.write(prefix.resolve("control/me"), "new.example.net\n");
        OldTree.write(prefix.resolve("control/tcp.smtp"), "127.:allow,SPPCONFFILE=\"control/smtpplugins-local\"\n"
                + ":allow\n");
        store = UserStore.open(prefix);
    }

    private Plan plan() throws Exception {
        OldToaster read = new OldToasterReader(old.qmail, old.vpopmail, old.tcpSmtp, List.of(old.valias)).read();
        return Planner.plan(read, ToasterStateReader.read(prefix, store, read), prefix.resolve("domains"));
    }

    private List<Applier.Result> apply(Plan plan) {
        return new Applier(prefix, store, new CopyingMover(), MailboxMover.Mode.COPY, Handover.KEEP).apply(plan);
    }

    @Test
    void importsUsersMailAliasesControlFilesAndRules() throws Exception {
        Plan plan = plan();
        List<Applier.Result> results = apply(plan);
        assertEquals(List.of(), results.stream().filter(r -> r.status() == Applier.Status.FAILED).toList());
        assertEquals(List.of("alias.example", "example.com", "relayed.example"), store.domains());
        assertTrue(store.verify("ann@example.com", "secret".toCharArray()), String.join("\n", Report.of(results, plan).lines()));
        assertTrue(store.verify("bob@example.com", "secret".toCharArray()));
        assertEquals(OptionalLong.of(52428800), store.quota("ann@example.com"));
        assertEquals(List.of("ann@example.com", "bob@example.com"), store.users("example.com").users());
        assertTrue(Files.exists(prefix.resolve("domains/example.com/ann/Maildir/cur/1000.1.host:2,S")));
        assertTrue(Files.exists(prefix.resolve("domains/example.com/bob/Maildir/cur/1002.3.host:2,")));
        Map<String, List<String>> aliases = store.aliases("example.com").aliases();
        assertEquals(List.of("ann@example.com", "bob@example.net"), aliases.get("sales@example.com"));
        assertEquals(List.of("ann@example.com"), aliases.get("info@example.com"));
        assertEquals(List.of("ann@example.com", "carl@example.org"), aliases.get("help@example.com"));
        assertEquals(List.of("ann@example.com"), aliases.get("*@example.com"));
        Map<String, List<String>> mirrored = store.aliases("alias.example").aliases();
        assertEquals(List.of("ann@example.com"), mirrored.get("ann@alias.example"));
        assertEquals(List.of("sales@example.com"), mirrored.get("sales@alias.example"));
        assertEquals(List.of("ann@example.com"), mirrored.get("*@alias.example"));
        assertEquals("20971520\n", Files.readString(prefix.resolve("control/databytes")));
        assertEquals("new.example.net\n", Files.readString(prefix.resolve("control/me")));
        assertFalse(Files.exists(prefix.resolve("control/concurrencyincoming")));
        assertFalse(Files.exists(prefix.resolve("control/defaultdomain")));
        assertEquals("[rcpt]\n:/usr/local/bin/check -v\n",
                Files.readString(prefix.resolve("control/smtpplugins-relay")));
        assertEquals("127.:allow,SPPCONFFILE=\"control/smtpplugins-local\"\n:allow\n"
                + "192.168.1.:allow,RELAYCLIENT=\"\",SPPCONFFILE=\"control/smtpplugins-relay\"\n10.0.0.1:deny\n",
                Files.readString(prefix.resolve("control/tcp.smtp")));
        String skipped = String.join("\n", plan.lines());
        for (String expected : List.of("user cy: the directory is not inside", "user dee@example.com", "evil.example",
                ".qmail-list-default", "program /usr/bin/autorespond", "valias entries of nowhere.example", "control/me",
                "concurrencyincoming", "defaultdomain", "tcp.smtp rule 127.:allow", "already there: control/tcp.smtp rule :allow",
                "domain localhost")) {
            assertTrue(skipped.contains(expected), expected + " not in\n" + skipped);
        }
        assertFalse(skipped.contains("cleartext"), "the clear-text field never reaches the report");
    }

    @Test
    void aRerunFindsEverythingThereAndDuplicatesNothing() throws Exception {
        apply(plan());
        Map<Path, String> before = snapshot(prefix);
        Plan again = plan();
        for (Step step : again.steps()) {
            assertTrue(step.alreadyThere() || step.action() instanceof Action.CarryMail, step.describe());
        }
        List<Applier.Result> results = apply(again);
        results.stream().filter(r -> r.step().action() instanceof Action.CarryMail)
                .forEach(r -> {
                    assertTrue(r.detail().startsWith("no new message or folder"), r.detail());
                    assertEquals(Applier.Status.ALREADY_THERE, r.status(), r.detail());
                });
        assertEquals(before, snapshot(prefix));
    }

    @Test
    void aToasterUserWithAnotherPasswordIsLeftAloneWithItsMailbox() throws Exception {
        store.addDomain("example.com");
        store.addUser("ann@example.com", "mine".toCharArray());
        Plan plan = plan();
        apply(plan);
        assertTrue(store.verify("ann@example.com", "mine".toCharArray()));
        assertFalse(store.verify("ann@example.com", "secret".toCharArray()));
        assertFalse(Files.exists(prefix.resolve("domains/example.com/ann/Maildir/cur/1000.1.host:2,S")));
        assertTrue(plan.lines().stream().anyMatch(l -> l.contains("ann@example.com exists on the toaster with"
                + " another password")));
    }

    @Test
    void planningAndMailboxPlansWriteNothingAnywhere() throws Exception {
        Map<Path, String> toaster = snapshot(prefix);
        Map<Path, String> oldHost = snapshot(root);
        Plan plan = plan();
        for (Step step : plan.steps()) {
            if (step.action() instanceof Action.CarryMail(String address, Path from, Path to)) {
                new CopyingMover().plan(from, to, MailboxMover.Mode.MOVE);
            }
        }
        assertEquals(toaster, snapshot(prefix));
        assertEquals(oldHost, snapshot(root));
    }

    @Test
    void theRealRunLeavesTheOldHostAsItWasAndWritesAPrivateReport() throws Exception {
        Map<Path, String> oldHost = snapshot(root);
        Plan plan = plan();
        Report report = Report.of(apply(plan), plan);
        Path file = report.write(prefix, ZonedDateTime.parse("2026-02-01T10:15:30Z"), Handover.KEEP);
        assertEquals(prefix.resolve("var/import/qmail-20260201-101530.report"), file);
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file)));
        String text = Files.readString(file);
        assertTrue(text.contains("imported: user ann@example.com ({SHA512-CRYPT} hash, quota 52428800b)"), text);
        assertTrue(text.endsWith(report.summary() + "\n"));
        assertEquals(prefix.resolve("var/import/qmail-20260201-101530-2.report"),
                report.write(prefix, ZonedDateTime.parse("2026-02-01T10:15:30Z"), Handover.KEEP));
        assertEquals(oldHost, snapshot(root));
    }

    @Test
    void symbolicLinksInTheOldTreeAreNeverFollowed() throws Exception {
        Files.createSymbolicLink(old.vpopmail.resolve("domains/link.example"), old.vpopmail.resolve(
                "domains/example.com"));
        OldTree.write(old.qmail.resolve("control/virtualdomains"), "link.example:link.example\n");
        Files.delete(old.qmail.resolve("control/databytes"));
        Files.createSymbolicLink(old.qmail.resolve("control/databytes"), Path.of("/etc/passwd"));
        Plan plan = plan();
        assertTrue(plan.steps().stream().noneMatch(s -> s.action() instanceof Action.AddUser), plan.lines()
                .toString());
        String lines = String.join("\n", plan.lines());
        assertTrue(lines.contains("link.example: ") && lines.contains("symbolic link"), lines);
        assertTrue(plan.steps().stream().noneMatch(s -> s.action() instanceof Action.WriteControl(String name,
                byte[] bytes) && name.equals("databytes")));
    }

    /** Every path under {@code top} with its content (files) or kind, links not followed. */
    static Map<Path, String> snapshot(Path top) throws Exception {
        Map<Path, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(top)) {
            for (Path path : walk.toList()) {
                String what = Files.isSymbolicLink(path) ? "link " + Files.readSymbolicLink(path)
                        : Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? "dir"
                        : java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(path));
                out.put(top.relativize(path), what + " " + Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS));
            }
        }
        return out;
    }
}
