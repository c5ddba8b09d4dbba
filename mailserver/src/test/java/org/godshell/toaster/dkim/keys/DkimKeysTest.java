package org.godshell.toaster.dkim.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.godshell.toaster.dkim.Algorithm;
import org.godshell.toaster.dkim.KeyFiles;
import org.godshell.toaster.dkim.PublishedKey;
import org.godshell.toaster.io.Handover;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The admin's edits of a domain's keys on a temp prefix: keygen, rotation, activation, removal, bad names. */
class DkimKeysTest {

    private static final Instant WHEN = Instant.parse("2026-12-06T10:15:30Z");

    @TempDir
    Path prefix;
    private Path dir;
    private final List<Path> handedOver = new ArrayList<>();
    private DkimKeys keys;

    @BeforeEach
    void domain() throws Exception {
        Files.createDirectories(prefix.resolve("domains/example.org"));
        dir = prefix.resolve("domains/example.org/.dkim");
        Handover recording = (created, target) -> handedOver.add(target);
        keys = new DkimKeys(prefix, recording, Clock.fixed(WHEN, ZoneOffset.UTC));
    }

    private static List<String> names(List<Selector> selectors) {
        return selectors.stream().map(Selector::name).toList();
    }

    @Test
    void keygenMakesAnActiveRsaAndEd25519PairWithPrivateFiles() throws Exception {
        List<Selector> made = keys.keygen("Example.ORG");
        assertEquals(List.of(new Selector("20261206-rsa", KeyState.ACTIVE, Algorithm.RSA_SHA256, WHEN),
                new Selector("20261206-ed25519", KeyState.ACTIVE, Algorithm.ED25519_SHA256, WHEN)), made);
        assertEquals(made, keys.selectors("example.org").selectors());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        for (String file : List.of("20261206-rsa.pem", "20261206-ed25519.pem", "selectors", ".lock")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(file))),
                    file);
            assertTrue(handedOver.contains(dir.resolve(file)), file + " is handed to the install's owner");
        }
        assertTrue(handedOver.contains(dir), "the directory too");
        assertTrue(Files.readString(dir.resolve("20261206-rsa.pem")).startsWith("-----BEGIN PRIVATE KEY-----\n"));
        assertEquals(PublishedKey.of(KeyFiles.read(dir.resolve("20261206-ed25519.pem"))),
                keys.publicKey("example.org", made.get(1)));
        assertTrue(keys.record("example.org", made.get(0)).startsWith("v=DKIM1; k=rsa; p=MIIBIjAN"));
        assertTrue(keys.record("example.org", made.get(1)).startsWith("v=DKIM1; k=ed25519; p="));
        assertEquals("20261206-rsa._domainkey.example.org", made.get(0).recordName("example.org"));
    }

    @Test
    void keygenRefusesWhenKeysExistAndPointsToRotate() throws Exception {
        keys.keygen("example.org");
        DkimKeysException e = assertThrows(DkimKeysException.class, () -> keys.keygen("example.org"));
        assertTrue(e.getMessage().contains("toaster dkim rotate example.org"), e.getMessage());
    }

    @Test
    void rotationPublishesFirstThenSignsAndRetires() throws Exception {
        List<Selector> first = keys.keygen("example.org");
        List<Selector> next = keys.rotate("example.org");
        assertEquals(List.of("20261206-2-rsa", "20261206-2-ed25519"), names(next), "a second pair the same day");
        assertTrue(next.stream().allMatch(s -> s.state() == KeyState.PENDING));
        assertEquals(names(first), names(keys.selectors("example.org").in(KeyState.ACTIVE)), "still signing");
        DkimKeysException twice = assertThrows(DkimKeysException.class, () -> keys.rotate("example.org"));
        assertTrue(twice.getMessage().contains("pending keys already (20261206-2-rsa, 20261206-2-ed25519)"),
                twice.getMessage());

        DkimKeysException changed = assertThrows(DkimKeysException.class, () -> keys.activate("example.org",
                Set.of("20261206-2-rsa")));
        assertTrue(changed.getMessage().contains("changed meanwhile"), changed.getMessage());
        DkimKeys.Activation activation = keys.activate("example.org", Set.copyOf(names(next)));
        assertEquals(names(next), names(activation.signing()));
        assertEquals(names(first), names(activation.retired()));
        SelectorsFile now = keys.selectors("example.org");
        assertEquals(names(next), names(now.in(KeyState.ACTIVE)));
        assertEquals(names(first), names(now.in(KeyState.RETIRED)));
        assertTrue(assertThrows(DkimKeysException.class, () -> keys.activate("example.org", Set.of()))
                .getMessage().contains("no pending keys"));
    }

    @Test
    void removeTakesRetiredAndPendingKeysAndActiveOnesOnlyWhenAsked() throws Exception {
        List<Selector> first = keys.keygen("example.org");
        List<Selector> next = keys.rotate("example.org");
        assertEquals(List.of(next.get(1)), keys.remove("example.org", List.of(next.get(1).name()), false));
        assertFalse(Files.exists(dir.resolve(next.get(1).name() + ".pem")));
        DkimKeysException active = assertThrows(DkimKeysException.class, () -> keys.remove("example.org",
                List.of(next.get(0).name(), first.get(0).name()), false));
        assertTrue(active.getMessage().contains("20261206-rsa is active") && active.getMessage().contains("--yes"),
                active.getMessage());
        assertTrue(Files.exists(dir.resolve(next.get(0).name() + ".pem")), "all or nothing: the pending key stays");
        DkimKeysException unknown = assertThrows(DkimKeysException.class, () -> keys.remove("example.org",
                List.of(next.get(0).name(), "../../passwd"), false));
        assertTrue(unknown.getMessage().contains("no selector \"../../passwd\""), unknown.getMessage());
        assertEquals(3, keys.selectors("example.org").selectors().size());
        assertEquals(first, keys.remove("example.org", List.of(first.get(0).name(), first.get(1).name(),
                first.get(0).name()), true));
        assertEquals(List.of(next.get(0)), keys.selectors("example.org").selectors());
        assertFalse(Files.exists(dir.resolve("20261206-rsa.pem")));
    }

    @Test
    void aDomainWithoutKeysOrWithoutADirectory() throws Exception {
        assertEquals(List.of(), keys.selectors("example.org").selectors());
        assertFalse(keys.has("example.org"));
        for (DkimKeysException e : List.of(
                assertThrows(DkimKeysException.class, () -> keys.rotate("example.org")),
                assertThrows(DkimKeysException.class, () -> keys.remove("example.org", List.of("x"), true)),
                assertThrows(DkimKeysException.class, () -> keys.activate("example.org", Set.of())))) {
            assertTrue(e.getMessage().contains("has no DKIM keys; make them with: toaster dkim keygen example.org"),
                    e.getMessage());
        }
        assertFalse(Files.exists(dir), "no empty key directory is left behind");
        DkimKeysException unknown = assertThrows(DkimKeysException.class, () -> keys.keygen("other.example"));
        assertEquals("no domain other.example; toaster domain add other.example creates it", unknown.getMessage());
        assertFalse(Files.exists(prefix.resolve("domains/other.example")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../example.org", "example.org/../../etc", "..", ".", ".dkim", "a/b", "example.org.",
        "-x.example", "tab\tname", "esc\u001b[31m", "", "kelvin\u212a.example"})
    void hostileDomainNamesNeverBecomePaths(String domain) throws Exception {
        DkimKeysException e = assertThrows(DkimKeysException.class, () -> keys.keygen(domain));
        assertTrue(e.getMessage().contains("is not a domain name"), e.getMessage());
        assertTrue(e.getMessage().chars().noneMatch(c -> c < 0x20), "escaped: " + e.getMessage());
        assertThrows(DkimKeysException.class, () -> keys.selectors(domain));
        assertThrows(DkimKeysException.class, () -> keys.keygen("x".repeat(64) + ".example"));
    }

    @Test
    void aLinkInPlaceOfTheKeyDirectoryOrAFileIsRefused() throws Exception {
        Path elsewhere = Files.createDirectories(prefix.resolve("elsewhere"));
        Files.createSymbolicLink(dir, elsewhere);
        assertTrue(assertThrows(DkimKeysException.class, () -> keys.keygen("example.org")).getMessage()
                .contains("is not a directory"));
        assertThrows(DkimKeysException.class, () -> keys.selectors("example.org"));
        try (var files = Files.list(elsewhere)) {
            assertEquals(0, files.count(), "nothing written through the link");
        }
        Files.delete(dir);
        keys.keygen("example.org");
        Files.delete(dir.resolve("selectors"));
        Files.createSymbolicLink(dir.resolve("selectors"), prefix.resolve("elsewhere"));
        assertTrue(assertThrows(DkimKeysException.class, () -> keys.selectors("example.org")).getMessage()
                .contains("not a plain file"));
    }
}
