package org.godshell.toaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.godshell.toaster.dkim.keys.DkimKeys;
import org.godshell.toaster.dkim.keys.KeyState;
import org.godshell.toaster.dkim.keys.Selector;
import org.godshell.toaster.dns.FixtureDns;
import org.godshell.toaster.io.Handover;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code toaster dkim} and {@code domain add}'s keys on a temp prefix; DNS from a fixture server on loopback. */
class DkimCommandTest {

    @TempDir
    Path prefix;
    private FixtureDns dns;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void installation() throws Exception {
        Files.createDirectories(prefix.resolve("control"));
        Files.writeString(prefix.resolve("control/rcpthosts"), "localhost\n");
        serve(new FixtureDns());
    }

    @AfterEach
    void stop() throws Exception {
        dns.close();
    }

    /** DNS answers from {@code fixture} from now on (control/dnsservers points at it). */
    private void serve(FixtureDns fixture) throws Exception {
        if (dns != null) {
            dns.close();
        }
        dns = fixture;
        Files.writeString(prefix.resolve("control/dnsservers"), "127.0.0.1:" + dns.address().getPort() + "\n");
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.add(2, "--prefix");
        all.add(3, prefix.toString());
        return Toaster.execute(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
    }

    private List<Selector> selectors(KeyState state) throws Exception {
        return new DkimKeys(prefix, Handover.KEEP, Clock.systemUTC()).selectors("example.test").in(state);
    }

    /** A fixture publishing the records of these selectors, as the admin would. */
    private FixtureDns publishing(List<Selector> selectors) throws Exception {
        FixtureDns fixture = new FixtureDns();
        DkimKeys keys = new DkimKeys(prefix, Handover.KEEP, Clock.systemUTC());
        for (Selector s : selectors) {
            fixture.txt(s.recordName("example.test") + ".", org.godshell.toaster.dkim.PublishedKey.txtStrings(
                    keys.publicKey("example.test", s)).toArray(String[]::new));
        }
        return fixture;
    }

    @Test
    void domainAddMakesActiveKeysAndNoDkimMakesNone() throws Exception {
        assertEquals(0, run("domain", "add", "example.test"), err.toString());
        assertTrue(out.toString().contains("made its DKIM keys ") && out.toString().contains("-rsa and ")
                && out.toString().contains("toaster dkim show example.test"), out.toString());
        assertEquals(2, selectors(KeyState.ACTIVE).size());
        Path dir = prefix.resolve("domains/example.test/.dkim");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dir.resolve(selectors(KeyState.ACTIVE).get(0).name() + ".pem"))));

        assertEquals(0, run("domain", "add", "--no-dkim", "other.test"), err.toString());
        assertFalse(out.toString().contains("DKIM"), out.toString());
        assertFalse(Files.exists(prefix.resolve("domains/other.test/.dkim")));
        assertEquals(0, run("domain", "list"), err.toString());
        assertEquals("example.test\t0 user(s)\nother.test\t0 user(s)\n", out.toString(), "the key directory is no user");
    }

    @Test
    void keygenShowAndTheirRefusals() throws Exception {
        assertEquals(0, run("domain", "add", "--no-dkim", "example.test"), err.toString());
        assertEquals(1, run("dkim", "show", "example.test"));
        assertTrue(err.toString().contains("example.test has no DKIM keys; make them with: toaster dkim keygen "
                + "example.test"), err.toString());
        assertEquals(0, run("dkim", "keygen", "Example.Test"), err.toString());
        String made = out.toString();
        assertTrue(made.startsWith("made DKIM keys for example.test, active: they sign its outgoing mail from now on"),
                made);
        assertTrue(made.matches("(?s).*\n    name   \\d{8}-rsa\\._domainkey\\.example\\.test\n    value  v=DKIM1; k=rsa;"
                + " p=MIIB[A-Za-z0-9+/=]+\n.*"), made);
        assertTrue(made.matches("(?s).*\n    value  v=DKIM1; k=ed25519; p=[A-Za-z0-9+/]{43}=\n.*"), made);
        assertEquals(1, run("dkim", "keygen", "example.test"));
        assertTrue(err.toString().contains("has DKIM keys already") && err.toString().contains("toaster dkim rotate "
                + "example.test"), err.toString());
        assertEquals(0, run("dkim", "show", "example.test"), err.toString());
        assertTrue(out.toString().startsWith("DKIM keys of example.test (active: signs;"), out.toString());
        assertTrue(out.toString().matches("(?s).*\n  \\d{8}-rsa  active  rsa-sha256  made \\d{4}-\\d\\d-\\d\\dT[0-9:]{8}Z"
                + "\n.*"), out.toString());
        assertTrue(out.toString().contains("  active  ed25519-sha256  made "), out.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../example.test", "example.test/..", "a/b", "..", ".dkim", "tab\tname",
        "esc\u001b[31m.test"})
    void hostileDomainNamesAreRefused(String domain) throws Exception {
        assertEquals(0, run("domain", "add", "--no-dkim", "example.test"), err.toString());
        for (String sub : List.of("keygen", "show", "rotate")) {
            assertEquals(1, run("dkim", sub, domain), sub);
            assertTrue(err.toString().contains("is not a domain name"), err.toString());
            assertFalse(err.toString().contains("\u001b"), "control characters are not echoed");
        }
        assertEquals(1, run("dkim", "keygen", "x".repeat(300) + ".test"));
        assertFalse(Files.exists(prefix.resolve("domains/example.test/.dkim")));
    }

    @Test
    void anUnknownDomainIsRefusedEvenWithADirectory() throws Exception {
        assertEquals(1, run("dkim", "keygen", "nowhere.test"));
        assertEquals("toaster: no domain nowhere.test; toaster domain add nowhere.test creates it\n", err.toString());
        Files.createDirectories(prefix.resolve("domains/.removed-old.test-1"));
        assertEquals(1, run("dkim", "keygen", ".removed-old.test-1"));
        assertFalse(Files.exists(prefix.resolve("domains/.removed-old.test-1/.dkim")));
    }

    @Test
    void rotationWaitsForDnsThenSignsAndRetires() throws Exception {
        assertEquals(0, run("domain", "add", "example.test"), err.toString());
        List<Selector> first = selectors(KeyState.ACTIVE);
        assertEquals(1, run("dkim", "rotate", "--activate", "example.test"));
        assertTrue(err.toString().contains("no pending keys to activate"), err.toString());
        assertEquals(0, run("dkim", "rotate", "example.test"), err.toString());
        assertTrue(out.toString().contains("pending: it signs nothing yet") && out.toString().contains(
                "toaster dkim rotate --activate example.test"), out.toString());
        List<Selector> next = selectors(KeyState.PENDING);
        assertEquals(2, next.size());
        assertEquals(1, run("dkim", "rotate", "example.test"));
        assertTrue(err.toString().contains("has pending keys already"), err.toString());

        assertEquals(1, run("dkim", "rotate", "--activate", "example.test"));
        assertTrue(out.toString().contains("not live  no key for the signature: " + next.get(0).recordName(
                "example.test") + " does not exist"), out.toString());
        assertTrue(err.toString().contains("not activated"), err.toString());
        assertEquals(next, selectors(KeyState.PENDING), "nothing changed");

        serve(publishing(List.of(next.get(0))).servfail(next.get(1).recordName("example.test") + "."));
        assertEquals(1, run("dkim", "rotate", "--activate", "example.test"));
        assertTrue(out.toString().contains("  ok        " + next.get(0).recordName("example.test")), out.toString());
        assertTrue(out.toString().contains("  no answer for " + next.get(1).recordName("example.test")), out.toString());
        assertEquals(first, selectors(KeyState.ACTIVE), "a DNS failure is no permission");

        serve(publishing(next));
        assertEquals(0, run("dkim", "rotate", "--activate", "example.test"), err.toString());
        assertTrue(out.toString().contains("the pending keys of example.test are active: " + next.get(0).name()),
                out.toString());
        assertTrue(out.toString().contains("toaster dkim remove example.test " + first.get(0).name() + " "
                + first.get(1).name()), out.toString());
        assertEquals(next.stream().map(Selector::name).toList(),
                selectors(KeyState.ACTIVE).stream().map(Selector::name).toList());
        assertEquals(first.stream().map(Selector::name).toList(),
                selectors(KeyState.RETIRED).stream().map(Selector::name).toList());
    }

    @Test
    void forceActivatesWithoutRecordsAndGoesOnlyWithActivate() throws Exception {
        assertEquals(0, run("domain", "add", "example.test"), err.toString());
        assertEquals(2, run("dkim", "rotate", "--force", "example.test"));
        assertTrue(err.toString().contains("--force goes with --activate"), err.toString());
        assertEquals(0, run("dkim", "rotate", "example.test"), err.toString());
        assertEquals(0, run("dkim", "rotate", "--activate", "--force", "example.test"), err.toString());
        assertTrue(out.toString().contains("not live  "), out.toString());
        assertEquals(2, selectors(KeyState.RETIRED).size());
    }

    @Test
    void removeRetiredFreelyAndActiveOnlyWithYes() throws Exception {
        assertEquals(0, run("domain", "add", "example.test"), err.toString());
        List<Selector> first = selectors(KeyState.ACTIVE);
        assertEquals(1, run("dkim", "remove", "example.test", first.get(0).name()));
        assertTrue(err.toString().contains(first.get(0).name() + " is active") && err.toString().contains("--yes"),
                err.toString());
        assertEquals(1, run("dkim", "remove", "example.test", "../../passwd"));
        assertTrue(err.toString().contains("no selector \"../../passwd\" for example.test"), err.toString());
        assertEquals(2, run("dkim", "remove", "example.test"), "a selector is required");

        assertEquals(0, run("dkim", "rotate", "example.test"), err.toString());
        assertEquals(0, run("dkim", "rotate", "--activate", "--force", "example.test"), err.toString());
        assertEquals(0, run("dkim", "remove", "example.test", first.get(0).name(), first.get(1).name()),
                err.toString());
        assertTrue(out.toString().startsWith("removed " + first.get(0).name() + " (retired) of example.test: delete "
                + "its TXT record " + first.get(0).recordName("example.test") + "\n"), out.toString());
        assertFalse(Files.exists(prefix.resolve("domains/example.test/.dkim/" + first.get(0).name() + ".pem")));

        List<Selector> active = selectors(KeyState.ACTIVE);
        assertEquals(0, run("dkim", "remove", "--yes", "example.test", active.get(0).name(), active.get(1).name()),
                err.toString());
        assertTrue(out.toString().contains("; it signs no more"), out.toString());
        assertTrue(out.toString().contains("example.test has no active DKIM key now: its mail goes out unsigned. "
                + "Make new keys with: toaster dkim keygen example.test"), out.toString());
        assertEquals(0, run("dkim", "keygen", "example.test"), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../passwd", "../20261206-rsa", "a/b", "20261206-rsa.pem", ".lock", "selectors",
        "UPPER", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "tab\tname", "esc\u001b[31m"})
    void hostileSelectorNamesRemoveNothing(String selector) throws Exception {
        assertEquals(0, run("domain", "add", "example.test"), err.toString());
        assertEquals(1, run("dkim", "remove", "--yes", "example.test", selector));
        assertTrue(err.toString().contains("no selector \""), err.toString());
        assertFalse(err.toString().contains("\u001b"), "control characters are not echoed");
        try (var files = Files.list(prefix.resolve("domains/example.test/.dkim"))) {
            assertEquals(4, files.count(), "two keys, selectors, .lock: nothing removed");
        }
        assertTrue(Files.exists(prefix.resolve("domains/example.test/passwd")));
    }

    @Test
    void domainRemoveTakesTheKeysAside() throws Exception {
        assertEquals(0, run("domain", "add", "example.test"), err.toString());
        assertEquals(0, run("domain", "remove", "example.test"), err.toString());
        try (var aside = Files.list(prefix.resolve("domains"))) {
            Path moved = aside.filter(p -> p.getFileName().toString().startsWith(".removed-example.test-"))
                    .findFirst().orElseThrow();
            assertTrue(Files.exists(moved.resolve(".dkim/selectors")), "the keys went with the domain");
        }
        assertEquals(1, run("dkim", "show", "example.test"));
        assertTrue(err.toString().contains("no domain example.test"), err.toString());
    }

    /** Root working on an install that belongs to another account leaves every key file to that account. */
    @Test
    void runAsRootTheKeysBelongToTheInstall() throws Exception {
        Assumptions.assumeTrue(Files.getAttribute(Path.of("/proc/self"), "unix:uid").equals(0),
                "only root can give files away");
        UserPrincipal nobody = prefix.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        try (Stream<Path> made = Files.walk(prefix)) {
            for (Path path : made.toList()) {
                Files.setOwner(path, nobody);
            }
        }
        assertEquals(0, run("domain", "add", "example.test"), err.toString());
        assertEquals(0, run("dkim", "rotate", "example.test"), err.toString());
        assertEquals(0, run("dkim", "rotate", "--activate", "--force", "example.test"), err.toString());
        try (Stream<Path> made = Files.walk(prefix.resolve("domains/example.test/.dkim"))) {
            for (Path path : made.toList()) {
                assertEquals(nobody, Files.getOwner(path, LinkOption.NOFOLLOW_LINKS), path.toString());
            }
        }
    }

    @Test
    void dnsPrintsTheKeysOfEveryDomainAsZoneLines() throws Exception {
        Files.writeString(prefix.resolve("control/me"), "mail.example.test\n");
        assertEquals(0, run("domain", "add", "example.test"), err.toString());
        assertEquals(0, run("domain", "add", "--no-dkim", "other.test"), err.toString());
        Selector rsa = selectors(KeyState.ACTIVE).get(0);
        out = new StringWriter();
        err = new StringWriter();
        assertEquals(0, Toaster.execute(new PrintWriter(out, true), new PrintWriter(err, true), "dns", "--prefix",
                prefix.toString()), err.toString());
        String text = out.toString();
        assertTrue(text.startsWith("DNS records to publish for example.test:\n"), text);
        assertTrue(text.matches("(?s).*\n  " + rsa.name() + "\\._domainkey\\.example\\.test\\. TXT  \"v=DKIM1; k=rsa;"
                + " p=[A-Za-z0-9+/]{237}\" \"[A-Za-z0-9+/=]+\"   \\(active\\)\n.*"), text);
        assertTrue(text.contains("\n\nDNS records to publish for other.test:\n"), text);
        assertTrue(text.contains("  DKIM: other.test has no keys; make them with: toaster dkim keygen other.test\n"),
                text);
    }
}
