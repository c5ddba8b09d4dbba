package org.godshell.toaster.dkim.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.godshell.toaster.dkim.Algorithm;
import org.godshell.toaster.dkim.KeyFiles;
import org.godshell.toaster.dkim.SigningKey;
import org.godshell.toaster.io.Handover;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The signing side's cache: active keys, edits picked up, a bad edit after a good read kept back and logged once. */
class DomainKeysTest {

    @TempDir
    Path prefix;
    private Path dir;
    private DkimKeys store;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private DomainKeys keys;

    @BeforeEach
    void domain() throws Exception {
        Files.createDirectories(prefix.resolve("domains/example.org"));
        dir = prefix.resolve("domains/example.org/.dkim");
        store = new DkimKeys(prefix, Handover.KEEP, Clock.fixed(Instant.parse("2026-12-06T10:15:30Z"),
                ZoneOffset.UTC));
        keys = new DomainKeys(prefix, log::add);
    }

    private static List<String> names(List<SigningKey> signing) {
        return signing.stream().map(SigningKey::selector).toList();
    }

    @Test
    void theActiveKeysInOrderAndTheSameListWhileNothingChanges() throws Exception {
        store.keygen("example.org");
        List<SigningKey> signing = keys.signingKeys("EXAMPLE.org");
        assertEquals(List.of("20261206-rsa", "20261206-ed25519"), names(signing));
        assertEquals(List.of(Algorithm.RSA_SHA256, Algorithm.ED25519_SHA256),
                signing.stream().map(SigningKey::algorithm).toList());
        assertSame(signing, keys.signingKeys("example.org"), "read once, then cached");
    }

    @Test
    void rotationAppliesAtTheNextAsk() throws Exception {
        store.keygen("example.org");
        keys.signingKeys("example.org");
        List<Selector> next = store.rotate("example.org");
        assertEquals(List.of("20261206-rsa", "20261206-ed25519"), names(keys.signingKeys("example.org")),
                "pending keys do not sign");
        store.activate("example.org", Set.of(next.get(0).name(), next.get(1).name()));
        assertEquals(List.of("20261206-2-rsa", "20261206-2-ed25519"), names(keys.signingKeys("example.org")));
        assertEquals(List.of(), log);
    }

    @ParameterizedTest
    @ValueSource(strings = {"other.example", "../example.org", "example.org/.dkim", "", "esc\u001b"})
    void noKeysForUnknownOrHostileNames(String domain) throws Exception {
        store.keygen("example.org");
        assertEquals(List.of(), keys.signingKeys(domain));
    }

    @Test
    void aBadEditAfterAGoodReadKeepsTheKeysAndIsLoggedOnce() throws Exception {
        store.keygen("example.org");
        List<SigningKey> good = keys.signingKeys("example.org");
        Files.writeString(dir.resolve("selectors"), "active 20261206-rsa rsa-sha256\n");
        assertSame(good, keys.signingKeys("example.org"));
        assertSame(good, keys.signingKeys("example.org"));
        assertEquals(List.of("dkim: keeping the keys in use for example.org: " + dir.resolve("selectors")
                + ":1: 3 fields; a line is: STATE SELECTOR ALGORITHM CREATED, e.g. active 20261206-rsa rsa-sha256 "
                + "2026-12-06T10:15:30Z"), log);
        Files.writeString(dir.resolve("selectors"), "active 20261206-ed25519 ed25519-sha256 2026-12-06T10:15:30Z\n");
        assertEquals(List.of("20261206-ed25519"), names(keys.signingKeys("example.org")), "a good edit applies");
    }

    @Test
    void aKeyFileBrokenAfterAGoodReadIsKeptBackToo() throws Exception {
        store.keygen("example.org");
        List<SigningKey> good = keys.signingKeys("example.org");
        Files.writeString(dir.resolve("20261206-rsa.pem"), "-----BEGIN PRIVATE KEY-----\nnot base64!\n"
                + "-----END PRIVATE KEY-----\n");
        assertSame(good, keys.signingKeys("example.org"));
        assertEquals(1, log.size(), log.toString());
        assertTrue(log.getFirst().contains(dir.resolve("20261206-rsa.pem") + ": "), log.toString());
    }

    @Test
    void aFirstReadOfABadFileThrowsUntilItIsFixed() throws Exception {
        store.keygen("example.org");
        Files.writeString(dir.resolve("selectors"), "active 20261206-rsa rsa-sha256 2026-12-06T10:15:30Z\n"
                + "active 20261206-ed25519 rsa-sha256 2026-12-06T10:15:30Z\n");
        DkimKeysException first = assertThrows(DkimKeysException.class, () -> keys.signingKeys("example.org"));
        assertTrue(first.getMessage().contains(":2: a second active rsa-sha256 key"), first.getMessage());
        Files.writeString(dir.resolve("selectors"), "active 20261206-ed25519 rsa-sha256 2026-12-06T10:15:30Z\n");
        DkimKeysException mismatch = assertThrows(DkimKeysException.class, () -> keys.signingKeys("example.org"));
        assertTrue(mismatch.getMessage().contains("holds a key for ed25519-sha256, but"), mismatch.getMessage());
        Files.writeString(dir.resolve("selectors"), "active missing rsa-sha256 2026-12-06T10:15:30Z\n");
        assertTrue(assertThrows(DkimKeysException.class, () -> keys.signingKeys("example.org")).getMessage()
                .contains("missing.pem: is missing"));
        KeyFiles.write(dir.resolve("missing.pem"), KeyFiles.generate(Algorithm.RSA_SHA256).getPrivate(),
                Handover.KEEP);
        assertEquals(List.of("missing"), names(keys.signingKeys("example.org")), "the key file appeared");
        assertEquals(List.of(), log, "a first read reports by its exception, not the log");
    }

    @Test
    void removingTheSelectorsFileOrTheDomainStopsSigning() throws Exception {
        store.keygen("example.org");
        keys.signingKeys("example.org");
        Files.delete(dir.resolve("selectors"));
        assertEquals(List.of(), keys.signingKeys("example.org"));
        store.keygen("example.org");
        assertEquals(2, keys.signingKeys("example.org").size());
        Files.move(prefix.resolve("domains/example.org"), prefix.resolve("domains/.removed-example.org-1"));
        assertEquals(List.of(), keys.signingKeys("example.org"));
    }
}
