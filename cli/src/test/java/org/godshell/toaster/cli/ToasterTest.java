package org.godshell.toaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ToasterTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Toaster.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void versionPrintsTheBuildVersionFirst() {
        assertEquals(0, run("--version"));
        String firstLine = out.toString().lines().findFirst().orElseThrow();
        assertEquals("toaster " + System.getProperty("toaster.expected.version"), firstLine);
        assertTrue(out.toString().contains("Java " + Runtime.version()), out.toString());
    }

    @Test
    void helpListsOptionsAndExitsZero() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("Usage: toaster"), out.toString());
        assertTrue(out.toString().contains("--version"), out.toString());
    }

    @Test
    void noArgumentsPrintsUsage() {
        assertEquals(0, run());
        assertTrue(out.toString().contains("Usage: toaster"), out.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--no-such-option", "frobnicate", "-x", "--version=yes", "\u0000", "--\u001b[31m"})
    void unknownInputIsAUsageErrorOnStderr(String argument) {
        assertEquals(2, run(argument));
        assertTrue(err.toString().contains("Usage: toaster"), err.toString());
        assertTrue(err.toString().indexOf("Usage: toaster") > 0, "the reason comes before the usage: " + err);
        assertEquals("", out.toString());
    }

    @Test
    void showconfigPrintsEveryValueAndItsSource(@TempDir Path prefix) throws IOException {
        Path control = Files.createDirectories(prefix.resolve("control"));
        Files.writeString(control.resolve("me"), "mail.example.org\n");
        Files.writeString(control.resolve("rcpthosts"), "example.org\n.example.org\n");

        assertEquals(0, run("showconfig", "--prefix", prefix.toString()), err.toString());
        String table = out.toString();
        assertTrue(table.matches("(?s).*me\\s+" + Pattern.quote(control.resolve("me").toString())
                + "\\s+mail\\.example\\.org\n.*"), table);
        assertTrue(table.matches("(?s).*databytes\\s+default\\s+0 \\(no limit\\).*"), table);
        assertTrue(table.contains(".example.org"), table);
        // the files of other daemons: their defaults, or that they are there
        assertTrue(table.matches("(?s).*\nsmtproutes\\s+default\\s+none: MX records for every domain\n.*"), table);
        Files.writeString(control.resolve("listen-pop3s"), "0.0.0.0:995\n");
        assertEquals(0, run("showconfig", "--prefix", prefix.toString()), err.toString());
        assertTrue(out.toString().matches("(?s).*\nlisten-pop3s\\s+" + Pattern.quote(control.resolve("listen-pop3s")
                + "") + "\\s+\\(present: as listen-smtp\\)\n.*"), out.toString());
        assertTrue(!out.toString().contains("\nmorercpthosts "), "morercpthosts is part of the rcpthosts line");
    }

    @Test
    void showconfigNamesTheBadFileAndLine(@TempDir Path prefix) throws IOException {
        Path control = Files.createDirectories(prefix.resolve("control"));
        Files.writeString(control.resolve("me"), "mail.example.org\n");
        Files.writeString(control.resolve("databytes"), "10M\n");

        assertEquals(1, run("showconfig", "--prefix", prefix.toString()));
        assertTrue(err.toString().startsWith("toaster: " + control.resolve("databytes") + ":1: "), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void aPrefixWithoutControlIsAUsageError(@TempDir Path prefix) {
        assertEquals(2, run("showconfig", "--prefix", prefix.resolve("nowhere").toString()));
        assertTrue(err.toString().contains("holds no toaster installation"), err.toString());
        assertEquals(2, run("smtpd", "--prefix", prefix.resolve("nowhere").toString()));
    }

    @Test
    void certSelfsignedWritesTheFileOnceAndRefusesWhatIsNotAHostName(@TempDir Path prefix) throws IOException {
        Files.createDirectories(prefix.resolve("control"));
        Path file = prefix.resolve("control/servercert.pem");
        assertEquals(2, run("cert", "selfsigned", "--prefix", prefix.toString(), "--host", "a.example,O=Evil"));
        assertTrue(err.toString().contains("is not a host name"), err.toString());
        assertEquals(0, run("cert", "selfsigned", "--prefix", prefix.toString(), "--host", "mail.example.org"),
                err.toString());
        assertTrue(Files.readString(file).contains("-----BEGIN CERTIFICATE-----"));
        String first = Files.readString(file);
        assertEquals(1, run("cert", "selfsigned", "--prefix", prefix.toString(), "--host", "mail.example.org"));
        assertTrue(err.toString().contains("add --force"), err.toString());
        assertEquals(first, Files.readString(file), "an existing certificate is not replaced without --force");
        assertEquals(0, run("cert", "selfsigned", "--prefix", prefix.toString(), "--host", "mx.example.org", "--force"));
    }

    @Test
    void submissionWithoutACertificateStopsTheServerAtStart(@TempDir Path prefix) throws IOException {
        Path control = Files.createDirectories(prefix.resolve("control"));
        Files.writeString(control.resolve("me"), "mail.example.org\n");
        Files.writeString(control.resolve("listen-smtp"), "127.0.0.1:0\n");
        Files.writeString(control.resolve("listen-submission"), "127.0.0.1:0\n");
        assertEquals(1, run("smtpd", "--prefix", prefix.toString()));
        assertTrue(err.toString().contains("listen-submission: offers submission, which needs TLS"), err.toString());
    }

    @Test
    void aMetricsEndpointOffLoopbackWithoutATokenStopsSmtpdAtStart(@TempDir Path prefix) throws IOException {
        Path control = Files.createDirectories(prefix.resolve("control"));
        Files.writeString(control.resolve("me"), "mail.example.org\n");
        Files.writeString(control.resolve("listen-smtp"), "127.0.0.1:0\n");
        Files.writeString(control.resolve("listen-metrics"), "192.0.2.25:9587\n");
        assertEquals(1, run("smtpd", "--prefix", prefix.toString()));
        assertTrue(err.toString().contains("listen-metrics:1: smtpd: the metrics endpoint 192.0.2.25:9587 is not on "
                + "loopback, so it needs a bearer token"), err.toString());
    }

    @Test
    void aMetricsTokenOthersCanReadStopsSmtpdAtStart(@TempDir Path prefix) throws IOException {
        Path control = Files.createDirectories(prefix.resolve("control"));
        Files.writeString(control.resolve("me"), "mail.example.org\n");
        Files.writeString(control.resolve("listen-smtp"), "127.0.0.1:0\n");
        Files.writeString(control.resolve("listen-metrics"), "127.0.0.1:0\n");
        Files.writeString(control.resolve("metricstoken"), "dG9hc3Rlci10ZXN0LXRva2Vu\n");
        Files.setPosixFilePermissions(control.resolve("metricstoken"),
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(1, run("smtpd", "--prefix", prefix.toString()));
        assertTrue(err.toString().contains("chmod 600 " + control.resolve("metricstoken")), err.toString());
        assertTrue(!err.toString().contains("dG9hc3Rlci10ZXN0LXRva2Vu"), "the token is never printed");
    }

    @Test
    void aMetricsEndpointOffLoopbackWithoutTlsStopsPop3dAtStart(@TempDir Path prefix) throws Exception {
        Path control = Files.createDirectories(prefix.resolve("control"));
        Files.writeString(control.resolve("me"), "mail.example.org\n");
        Files.writeString(control.resolve("listen-pop3"), "127.0.0.1:0\n");
        Files.writeString(control.resolve("servercert.pem"),
                org.godshell.toaster.tls.SelfSigned.create("mail.example.org"));
        Files.writeString(control.resolve("listen-metrics-pop3d"), "0.0.0.0:9588\n");
        assertEquals(1, run("pop3d", "--prefix", prefix.toString()));
        assertTrue(err.toString().contains("listen-metrics-pop3d:1: pop3d: the metrics endpoint 0.0.0.0:9588 is not "
                + "on loopback, so it needs a bearer token"), err.toString());
    }

    @Test
    void pop3dWithoutListenFilesSaysThereIsNothingToDo(@TempDir Path prefix) throws IOException {
        Path control = Files.createDirectories(prefix.resolve("control"));
        Files.writeString(control.resolve("me"), "mail.example.org\n");
        assertEquals(1, run("pop3d", "--prefix", prefix.toString()));
        assertTrue(err.toString().contains("nothing to listen on"), err.toString());
    }

    @Test
    void pop3dWithoutACertificateRefusesToStart(@TempDir Path prefix) throws IOException {
        Path control = Files.createDirectories(prefix.resolve("control"));
        Files.writeString(control.resolve("me"), "mail.example.org\n");
        Files.writeString(control.resolve("listen-pop3"), "127.0.0.1:0\n");
        assertEquals(1, run("pop3d", "--prefix", prefix.toString()));
        assertTrue(err.toString().contains("POP3 logins need TLS"), err.toString());
    }

    @Test
    void pop3dNamesABadControlFile(@TempDir Path prefix) throws IOException {
        Path control = Files.createDirectories(prefix.resolve("control"));
        Files.writeString(control.resolve("me"), "mail.example.org\n");
        Files.writeString(control.resolve("listen-pop3s"), "127.0.0.1\n");
        assertEquals(1, run("pop3d", "--prefix", prefix.toString()));
        assertTrue(err.toString().contains("listen-pop3s:1:"), err.toString());
    }
}
