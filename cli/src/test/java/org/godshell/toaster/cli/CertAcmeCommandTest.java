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
import org.godshell.toaster.acme.PebbleCa;
import org.godshell.toaster.dns.FixtureDns;
import org.godshell.toaster.site.serve.WikiServer;
import org.godshell.toaster.tls.SelfSigned;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands end to end against Pebble, with the wiki's own server answering HTTP-01 from control/acme/http-01:
 * the terms shown without --agree-tos, the first certificate, its status, a renewal (Pebble issues for 20 days).
 * Without ACME set up, renew and status say so.
 */
class CertAcmeCommandTest {

    @TempDir
    Path prefix;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Toaster.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void withoutAcmeRenewAndStatusSaySo() throws Exception {
        Files.createDirectories(prefix.resolve("control"));
        assertEquals(1, run("cert", "renew", "--prefix", prefix.toString()));
        assertTrue(err.toString().contains("run toaster cert acme"), err.toString());
        assertEquals(0, run("cert", "status", "--prefix", prefix.toString()));
        assertTrue(out.toString().contains("no ACME certificate"), out.toString());
        assertEquals(2, run("cert", "acme", "--prefix", prefix.toString(), "--email", "x@example.org",
                "--directory", "http://ca.example/dir"));
        assertTrue(err.toString().contains("is neither letsencrypt"), err.toString());
    }

    @Test
    void termsThenTheFirstCertificateThenItsStatusThenARenewal() throws Exception {
        PebbleCa.require();
        Path control = Files.createDirectories(prefix.resolve("control"));
        Files.writeString(control.resolve("me"), "mail.example.test\n");
        SelfSigned.write(control.resolve("servercert.pem"), SelfSigned.create("mail.example.test"),
                (created, target) -> { });
        Path site = Files.createDirectories(prefix.resolve("wiki/site"));
        WikiServer wiki = new WikiServer(new WikiServer.Settings(site, List.of(new InetSocketAddress(
                InetAddress.getLoopbackAddress(), 0)), List.of(), Optional.empty(), "mail.example.test",
                Optional.of(control.resolve("acme/http-01"))), Optional.empty(), line -> { });
        wiki.start();
        try (FixtureDns dns = new FixtureDns().a("mail.example.test.", "127.0.0.1");
                PebbleCa pebble = PebbleCa.start(Files.createDirectories(prefix.resolve("pebble")),
                        wiki.httpAddresses().getFirst().getPort(), "127.0.0.1:" + dns.address().getPort(),
                        Duration.ofDays(20))) {
            String[] acme = {"cert", "acme", "--prefix", prefix.toString(), "--email", "admin@example.test",
                "--directory", pebble.directory().toString(), "--ca-cert", pebble.anchor().toString(),
                "--name", "mail.example.test"};
            assertEquals(2, run(acme));
            assertTrue(err.toString().contains("read the terms of service of " + pebble.directory() + " at "),
                    err.toString());
            String[] agreed = java.util.stream.Stream.concat(java.util.Arrays.stream(acme),
                    java.util.stream.Stream.of("--agree-tos")).toArray(String[]::new);
            assertEquals(0, run(agreed), err.toString());
            assertTrue(out.toString().contains("renewed mail.example.test, expires "), out.toString());
            assertTrue(Files.isSymbolicLink(control.resolve("servercert.pem")));

            assertEquals(0, run("cert", "status", "--prefix", prefix.toString()), err.toString());
            assertTrue(out.toString().contains("names:        mail.example.test"), out.toString());
            assertTrue(out.toString().contains("control/servercert.pem links to it"), out.toString());

            assertEquals(0, run("cert", "renew", "--prefix", prefix.toString()), err.toString());
            assertTrue(out.toString().contains("acme: renewed mail.example.test"), out.toString());
        } finally {
            wiki.stop();
        }
    }
}
