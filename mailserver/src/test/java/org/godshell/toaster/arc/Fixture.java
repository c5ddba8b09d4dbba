package org.godshell.toaster.arc;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.authres.MethodResult;
import org.godshell.toaster.dkim.Algorithm;
import org.godshell.toaster.dkim.KeyFiles;
import org.godshell.toaster.dkim.PublishedKey;
import org.godshell.toaster.dkim.SigningKey;
import org.godshell.toaster.dns.FixtureDns;

/**
 * What the ARC tests share: keys made once, a message, a fixture DNS zone on loopback that publishes them (and
 * names that fail), and the hop a forwarder makes: verify the chain as it arrives, then seal.
 */
final class Fixture {

    static final Clock NOW = Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);
    static final KeyPair RSA = KeyFiles.generate(Algorithm.RSA_SHA256);
    static final KeyPair ED25519 = KeyFiles.generate(Algorithm.ED25519_SHA256);
    /** Selectors of example.org that publish the RSA key, one per sealer of the key budget test. */
    static final int SELECTORS = KeyBudget.MAX + 1;
    static final String MESSAGE = """
            From: Joe SixPack <joe@example.com>
            To: Suzie Q <suzie@lists.example.net>
            Subject: Is dinner ready?
            Date: Sun, 6 Dec 2026 12:00:00 +0000
            Message-ID: <20261206120000.1@example.com>

            Hi.

            We lost the game.\t Are you hungry yet?

            Joe.
            """;

    private Fixture() {
    }

    /**
     * arc._domainkey and s1 to s11._domainkey of example.org and list._domainkey.lists.example.net publish the
     * RSA key, ed._domainkey.example.org the Ed25519 one; broken._domainkey.example.org answers SERVFAIL,
     * slow._domainkey.example.org never answers, and every other name does not exist.
     */
    static FixtureDns zone() throws SocketException {
        String[] rsa = PublishedKey.txtStrings(RSA.getPublic()).toArray(String[]::new);
        FixtureDns dns = new FixtureDns()
                .txt("arc._domainkey.example.org.", rsa)
                .txt("list._domainkey.lists.example.net.", rsa)
                .txt("ed._domainkey.example.org.", PublishedKey.txt(ED25519.getPublic()))
                .servfail("broken._domainkey.example.org.")
                .silent("slow._domainkey.example.org.");
        for (int i = 1; i <= SELECTORS; i++) {
            dns.txt("s" + i + "._domainkey.example.org.", rsa);
        }
        return dns;
    }

    static byte[] crlf(String text) {
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] message) {
        return new String(message, StandardCharsets.UTF_8);
    }

    static ChainVerifier verifier(FixtureDns dns) {
        return new ChainVerifier(dns.dns(), Duration.ofSeconds(2), NOW);
    }

    static Sealer sealer(String domain, String selector) {
        return new Sealer(domain, List.of(new SigningKey(selector, RSA.getPrivate())), NOW);
    }

    /** What a hop records on arrival, besides ARC: an SPF pass. */
    static List<MethodResult> results(String sender) {
        return List.of(new MethodResult("spf", "pass", Optional.empty(), Optional.empty(),
                List.of(new MethodResult.Property("smtp", "mailfrom", sender))));
    }

    /** One hop: the chain verified as the message arrives, then the hop's set on top. */
    static byte[] hop(byte[] message, Sealer sealer, String authservId, ChainVerifier verifier) {
        return hop(message, message, sealer, authservId, verifier);
    }

    /**
     * A hop that changes the message on its way (a list tags the subject): the chain of {@code arrived} is
     * verified, {@code changed} is sealed.
     */
    static byte[] hop(byte[] arrived, byte[] changed, Sealer sealer, String authservId, ChainVerifier verifier) {
        ChainVerdict incoming = verifier.verify(arrived);
        Sealing sealing = sealer.seal(changed, authservId, results("joe@example.com"), incoming);
        return assertInstanceOf(Sealing.Sealed.class, sealing, sealing.toString()).prependTo(changed);
    }

    /** The message sealed by example.org (selector arc), then by lists.example.net (selector list). */
    static byte[] twoHops(ChainVerifier verifier) {
        byte[] once = hop(crlf(MESSAGE), sealer("example.org", "arc"), "mx.example.org", verifier);
        return hop(once, sealer("lists.example.net", "list"), "mx.lists.example.net", verifier);
    }

    /** The field of {@code message} whose first line starts with {@code start}, continuation lines and CRLF included. */
    static String field(String message, String start) {
        int from = message.startsWith(start) ? 0 : message.indexOf("\r\n" + start) + 2;
        if (from < 2 && !message.startsWith(start)) {
            throw new IllegalArgumentException("no field starting with " + start);
        }
        int end = message.indexOf("\r\n", from);
        while (message.charAt(end + 2) == ' ' || message.charAt(end + 2) == '\t') {
            end = message.indexOf("\r\n", end + 2);
        }
        return message.substring(from, end + 2);
    }

    /** {@code message} with the field that starts with {@code start} changed by {@code change}. */
    static String change(String message, String start, java.util.function.UnaryOperator<String> change) {
        String field = field(message, start);
        return message.replace(field, change.apply(field));
    }
}
