package org.godshell.toaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.godshell.toaster.acme.PebbleCa;
import org.godshell.toaster.dns.FixtureDns;
import org.godshell.toaster.site.serve.WikiServer;
import org.godshell.toaster.tls.SelfSigned;
import org.godshell.toaster.tls.ServerCertificate;
import org.godshell.toaster.tls.TlsSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code toaster cert acme --challenge tls-alpn-01} against Pebble, with nothing on HTTP: the wiki's HTTPS
 * listener, made as {@code toaster wiki serve} makes it, answers Pebble's TLS-ALPN-01 validation (RFC 8737) with
 * the validation certificate the order wrote; the certificate is issued, the choice kept for renewals, and no
 * validation file is left behind.
 */
class CertAcmeTlsAlpnTest {

    private static final String NAME = "mail.example.test";

    @TempDir
    Path prefix;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Toaster.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "HTTP-01", "tls-alpn-01 ", "dns-01", "tls_alpn_01", "http-01\n", "tls-alpn-01\u0000"})
    void anythingButTheTwoChallengeNamesIsRefused(String challenge) throws Exception {
        Files.createDirectories(prefix.resolve("control"));
        assertEquals(2, run("cert", "acme", "--prefix", prefix.toString(), "--email", "x@example.org",
                "--challenge", challenge));
        assertTrue(err.toString().contains("is neither http-01 nor tls-alpn-01"), err.toString());
    }

    @Test
    void theCertificateIsIssuedOverTlsAlpn01OnHttpsAloneAndRenewedTheSameWay() throws Exception {
        PebbleCa.require();
        Path control = Files.createDirectories(prefix.resolve("control"));
        Files.writeString(control.resolve("me"), NAME + "\n");
        SelfSigned.write(control.resolve("servercert.pem"), SelfSigned.create(NAME), (created, target) -> { });
        Path site = Files.createDirectories(prefix.resolve("wiki/site"));
        TlsSource source = TlsSource.watch(control, line -> { }).orElseThrow();
        WikiServer wiki = new WikiServer(new WikiServer.Settings(site, List.of(), List.of(new InetSocketAddress(
                InetAddress.getLoopbackAddress(), 0)), Optional.of(WikiServeCommand.https(source,
                control.resolve("acme/tls-alpn-01"))), NAME), Optional.empty(), line -> { });
        wiki.start();
        try (FixtureDns dns = new FixtureDns().a(NAME + ".", "127.0.0.1");
                PebbleCa pebble = PebbleCa.start(Files.createDirectories(prefix.resolve("pebble")),
                        unusedPort(), wiki.httpsAddresses().getFirst().getPort(),
                        "127.0.0.1:" + dns.address().getPort(), Duration.ofDays(20))) {
            String[] acme = {"cert", "acme", "--prefix", prefix.toString(), "--email", "admin@example.test",
                "--directory", pebble.directory().toString(), "--ca-cert", pebble.anchor().toString(),
                "--name", NAME, "--challenge", "tls-alpn-01", "--agree-tos"};
            assertEquals(0, run(acme), err.toString());
            assertTrue(out.toString().contains("renewed " + NAME + ", expires "), out.toString());
            assertTrue(Files.isSymbolicLink(control.resolve("servercert.pem")));
            assertEquals(List.of(NAME), ServerCertificate.read(control.resolve("servercert.pem")).chain()
                    .getFirst().getSubjectAlternativeNames().stream().map(san -> san.get(1)).toList());
            assertEquals("tls-alpn-01\n", Files.readString(control.resolve("acme/challenge")));
            assertNoValidationLeft(control);

            assertEquals(0, run("cert", "renew", "--prefix", prefix.toString()), err.toString());
            assertTrue(out.toString().contains("acme: renewed " + NAME), out.toString());
            assertNoValidationLeft(control);
        } finally {
            wiki.stop();
        }
    }

    @Test
    void aValidationNobodyAnswersReplacesNothingAndLeavesNoFile() throws Exception {
        PebbleCa.require();
        Path control = Files.createDirectories(prefix.resolve("control"));
        Files.writeString(control.resolve("me"), NAME + "\n");
        SelfSigned.write(control.resolve("servercert.pem"), SelfSigned.create(NAME), (created, target) -> { });
        try (FixtureDns dns = new FixtureDns().a(NAME + ".", "127.0.0.1");
                PebbleCa pebble = PebbleCa.start(Files.createDirectories(prefix.resolve("pebble")),
                        unusedPort(), unusedPort(), "127.0.0.1:" + dns.address().getPort(), Duration.ofDays(20))) {
            assertEquals(1, run("cert", "acme", "--prefix", prefix.toString(), "--email", "admin@example.test",
                    "--directory", pebble.directory().toString(), "--ca-cert", pebble.anchor().toString(),
                    "--name", NAME, "--challenge", "tls-alpn-01", "--agree-tos"));
            assertTrue(err.toString().contains("could not verify " + NAME + " over TLS-ALPN-01"), err.toString());
            assertTrue(Files.isRegularFile(control.resolve("servercert.pem"))
                    && !Files.isSymbolicLink(control.resolve("servercert.pem")));
            assertNoValidationLeft(control);
        }
    }

    private static void assertNoValidationLeft(Path control) throws Exception {
        try (Stream<Path> left = Files.list(control.resolve("acme/tls-alpn-01"))) {
            assertEquals(List.of(), left.toList());
        }
    }

    /** A port nothing listens on: Pebble's HTTP-01 checks would find port 80 closed, as on the host this is for. */
    private static int unusedPort() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
