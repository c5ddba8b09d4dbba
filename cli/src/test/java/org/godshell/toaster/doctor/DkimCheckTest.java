package org.godshell.toaster.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.godshell.toaster.dkim.PublishedKey;
import org.godshell.toaster.dkim.keys.DkimKeys;
import org.godshell.toaster.dkim.keys.KeyState;
import org.godshell.toaster.dkim.keys.Selector;
import org.godshell.toaster.dns.FixtureDns;
import org.godshell.toaster.hostcheck.Finding;
import org.godshell.toaster.io.Handover;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The doctor's DKIM findings: each selector's record ok, another key, missing or unanswered (warnings), a
 * domain without keys (a warning), keys that do not read (FAILED); DNS from a fixture server on loopback.
 */
class DkimCheckTest {

    @TempDir
    Path prefix;
    private DkimKeys keys;
    private FixtureDns dns;

    @AfterEach
    void stop() throws InterruptedException {
        if (dns != null) {
            dns.close();
        }
    }

    @BeforeEach
    void domains() throws Exception {
        for (String domain : List.of("example.test", "bare.test")) {
            Files.createDirectories(prefix.resolve("domains").resolve(domain));
        }
        keys = new DkimKeys(prefix, Handover.KEEP, Clock.systemUTC());
    }

    private static List<String> lines(List<Finding> findings) {
        return findings.stream().map(Finding::line).toList();
    }

    private String txt(Selector selector) throws Exception {
        return PublishedKey.txt(keys.publicKey("example.test", selector));
    }

    @Test
    void eachSelectorIsOkMismatchedMissingOrUnanswered() throws Exception {
        List<Selector> active = keys.keygen("example.test");
        keys.rotate("example.test");
        keys.activate("example.test", Set.copyOf(keys.selectors("example.test").in(KeyState.PENDING)
                .stream().map(Selector::name).toList()));
        List<Selector> signing = keys.selectors("example.test").in(KeyState.ACTIVE);
        String otherKey = txt(active.get(0));                 // the old RSA key, at the new Ed25519 selector
        dns = new FixtureDns()
                .txt(signing.get(0).recordName("example.test") + ".", PublishedKey.txtStrings(keys.publicKey(
                        "example.test", signing.get(0))).toArray(String[]::new))
                .txt(signing.get(1).recordName("example.test") + ".", otherKey.substring(0, 200),
                        otherKey.substring(200))
                .servfail(active.get(1).recordName("example.test") + ".");
        List<String> lines = lines(new DkimCheck(prefix, Optional.of(dns.dns())).check());
        assertEquals(List.of(
                "  warning  bare.test has no DKIM keys, so its mail cannot be signed; make them with: toaster dkim"
                        + " keygen bare.test",
                "  ok       DKIM " + signing.get(0).recordName("example.test") + " publishes the active key",
                "  warning  DKIM " + signing.get(1).recordName("example.test") + " (active): the record at "
                        + signing.get(1).recordName("example.test") + " publishes another key; publish: "
                        + txt(signing.get(1)) + "; the record to publish: toaster dkim show example.test"),
                lines.subList(0, 3));
        assertTrue(lines.get(3).startsWith("  warning  DKIM " + active.get(0).recordName("example.test")
                + " (retired): no key for the signature: " + active.get(0).recordName("example.test")
                + " does not exist; or, done with it: toaster dkim remove example.test " + active.get(0).name()),
                lines.get(3));
        assertTrue(lines.get(4).startsWith("  warning  DKIM " + active.get(1).recordName("example.test")
                + " (retired): no answer for " + active.get(1).recordName("example.test") + ": "), lines.get(4));
        assertEquals(5, lines.size(), lines.toString());
    }

    @Test
    void withoutDnsTheKeysAreReadOnly() throws Exception {
        keys.keygen("example.test");
        assertEquals(List.of(
                "  warning  bare.test has no DKIM keys, so its mail cannot be signed; make them with: toaster dkim "
                        + "keygen bare.test",
                "  ok       every DKIM key reads (their DNS records not asked)"),
                lines(new DkimCheck(prefix, Optional.empty()).check()));
    }

    @Test
    void keysThatDoNotReadFail() throws Exception {
        List<Selector> made = keys.keygen("example.test");
        Path dir = prefix.resolve("domains/example.test/.dkim");
        Files.writeString(dir.resolve(made.get(1).name() + ".pem"), "garbage");
        List<String> lines = lines(new DkimCheck(prefix, Optional.empty()).check());
        assertTrue(lines.get(1).startsWith("  FAILED   DKIM key " + made.get(1).name() + " of example.test: "
                + dir.resolve(made.get(1).name() + ".pem") + ": "), lines.toString());
        assertEquals(2, lines.size(), "no ok line while a key fails: " + lines);

        Files.writeString(dir.resolve("selectors"), "active x rsa-sha256 yesterday\n");
        assertEquals("  FAILED   DKIM keys of example.test: " + dir.resolve("selectors") + ":1: \"yesterday\" is no "
                + "time of creation: write it as 2026-12-06T10:15:30Z (UTC)",
                lines(new DkimCheck(prefix, Optional.empty()).check()).get(1));
    }

    @Test
    void aDomainWhoseKeysAreAllRemovedSignsNothing() throws Exception {
        List<Selector> made = keys.keygen("example.test");
        keys.rotate("example.test");
        keys.remove("example.test", made.stream().map(Selector::name).toList(), true);
        List<String> lines = lines(new DkimCheck(prefix, Optional.empty()).check());
        assertTrue(lines.contains("  warning  example.test has no active DKIM key: its mail goes out unsigned "
                + "(toaster dkim show example.test)"), lines.toString());
    }
}
