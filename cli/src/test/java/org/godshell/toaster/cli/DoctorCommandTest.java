package org.godshell.toaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Clock;
import java.util.List;
import org.godshell.toaster.dkim.keys.DkimKeys;
import org.godshell.toaster.io.Handover;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code toaster dns} and {@code toaster doctor} on a temporary installation: the records for the install's
 * names, what the checks find when nothing of it runs, and every bad argument or hostile record refused with
 * exit 2 and nothing printed as a record.
 */
class DoctorCommandTest {

    @TempDir
    Path prefix;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void installation() throws IOException {
        Path control = Files.createDirectories(prefix.resolve("control"));
        Files.writeString(control.resolve("me"), "mx.example.org\n");
        Files.writeString(prefix.resolve("VERSION"), "9.9.9\n");
        Files.writeString(prefix.resolve(".toaster-install"),
                "hostname=mail.example.org\ndomain=example.org\nadmin=postmaster@example.org\nmode=system\n");
    }

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add(1, "--prefix");
        all.add(2, prefix.toString());
        return Toaster.execute(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
    }

    @Test
    void dnsPrintsTheRecordsForTheInstallsNames() {
        assertEquals(0, run("dns"), err.toString());
        String text = out.toString();
        assertTrue(text.startsWith("DNS records to publish for example.org:\n"), text);
        assertTrue(text.contains("  example.org.                 MX   10 mail.example.org.\n"), text);
        assertTrue(text.contains("\"v=spf1 mx -all\""), text);
        assertTrue(text.contains("_dmarc.example.org."), text);
        assertTrue(text.contains("PTR: ask whoever gives you the address to name it mail.example.org"), text);
        assertTrue(text.contains("  _imaps._tcp.example.org.     SRV  0 1 993 mail.example.org.\n"), text);
        assertTrue(text.contains("  _submission._tcp.example.org. SRV  0 0 0 .\n"), "no listen-submission: " + text);
        assertTrue(text.contains("  autoconfig.example.org.      CNAME mail.example.org.\n"), text);
    }

    @Test
    void dnsGivesMailClientsThePortsOfTheListenFiles() throws IOException {
        Files.writeString(prefix.resolve("control/listen-submission"), "0.0.0.0:587\n");
        Files.writeString(prefix.resolve("control/listen-pop3s"), "0.0.0.0:995\n");
        Files.writeString(prefix.resolve("control/listen-https"), "0.0.0.0:443\n");
        assertEquals(0, run("dns"), err.toString());
        String text = out.toString();
        assertTrue(text.contains("  _submission._tcp.example.org. SRV  0 1 587 mail.example.org.\n"), text);
        assertTrue(text.contains("  _pop3s._tcp.example.org.     SRV  10 1 995 mail.example.org.\n"), text);
        assertTrue(text.contains("  _autodiscover._tcp.example.org. SRV  0 1 443 mail.example.org.\n"), text);
    }

    @Test
    void aBrokenListenFileLeavesOutTheMailClientsRecordsAndSaysWhy() throws IOException {
        Files.writeString(prefix.resolve("control/listen-smtps"), "everywhere:465\n");
        assertEquals(0, run("dns"), err.toString());
        String text = out.toString();
        assertTrue(text.contains("  example.org.                 MX   10 mail.example.org.\n"), text);
        assertFalse(text.contains(" SRV "), text);
        assertTrue(text.contains("SRV: the mail clients' records need the ports of the listen files, which do not "
                + "read: "), text);
        assertTrue(text.contains("listen-smtps:1"), text);
    }

    @Test
    void dnsForAnotherDomainAndWithoutAnInstallRecord() throws IOException {
        assertEquals(0, run("dns", "--domain", "other.example"), err.toString());
        assertTrue(out.toString().contains("  other.example.               MX   10 mail.example.org.\n"), out.toString());
        Files.delete(prefix.resolve(".toaster-install"));
        out.getBuffer().setLength(0);
        assertEquals(0, run("dns"), err.toString());
        assertTrue(out.toString().contains("  example.org.                 MX   10 mx.example.org.\n"),
                "control/me names the host, its parent is the domain: " + out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"two words", "EXAMPLE.ORG", "-lead.example", "dot..dot", "tab\tname", "esc\u001b[31m",
        "under_score.example", ".", ""})
    void aBadDomainIsRefused(String domain) {
        assertEquals(2, run("dns", "--domain", domain));
        assertEquals("", out.toString());
        assertTrue(err.toString().contains("is not a domain name"), err.toString());
        assertFalse(err.toString().contains("\u001b"), "control characters are not echoed");
    }

    @Test
    void anOversizedDomainIsRefused() {
        assertEquals(2, run("dns", "--domain", "a".repeat(63) + ("." + "b".repeat(63)).repeat(4)));
        assertEquals("", out.toString());
    }

    @Test
    void unknownOptionsAndAMissingInstallationExit2() {
        assertEquals(2, run("dns", "--frobnicate"));
        assertEquals(2, run("doctor", "--domain", "example.org"), "doctor checks the install's names only");
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        assertEquals(2, Toaster.execute(new PrintWriter(out, true), new PrintWriter(err, true), "dns", "--prefix",
                prefix.resolve("nowhere").toString()));
        assertTrue(err.toString().contains("holds no toaster installation"), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"hostname=evil name\n", "hostname=a\u001b]0;owned\u0007.example\n",
        "hostname=mail.example.org\ndomain=exa$(id)mple.org\n", "domain=\n"})
    void aHostileInstallRecordIsRefusedNotPrinted(String record) throws IOException {
        Files.writeString(prefix.resolve(".toaster-install"), record);
        assertEquals(2, run("dns"));
        assertEquals("", out.toString(), "no record is printed for a name that is not one");
        assertTrue(err.toString().contains("is not a host name"), err.toString());
        assertFalse(err.toString().contains("\u001b"), "control characters are not echoed");
        out.getBuffer().setLength(0);
        assertEquals(2, run("doctor", "--no-dns"));
        assertEquals("", out.toString());
    }

    @Test
    void anOversizedInstallRecordIsIgnored() throws IOException {
        Files.writeString(prefix.resolve(".toaster-install"), "hostname=" + "x".repeat(20_000) + "\n");
        assertEquals(0, run("dns"), err.toString());
        assertTrue(out.toString().contains("MX   10 mx.example.org."), "control/me instead: " + out);
    }

    @Test
    void doctorFailsWhenNothingRunsAndSaysHowToStartIt() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Files.writeString(prefix.resolve("control/listen-smtp"), "127.0.0.1:" + port + "\n");
        assertEquals(1, run("doctor", "--no-dns"), err.toString());
        String text = out.toString();
        assertTrue(text.contains("  ok       toaster 9.9.9 in " + prefix.toRealPath() + " for example.org"), text);
        assertTrue(text.contains("  warning  smtpd: not running (start it: "), text);
        assertTrue(text.contains("  FAILED   nothing listens on port " + port + " (listen-smtp)"), text);
        assertTrue(text.contains("  FAILED   control/servercert.pem is missing"), text);
        assertTrue(text.contains("DNS records to publish for example.org:"), text);
    }

    @Test
    void doctorReadsTheDkimKeysAndDnsPrintsThem() throws Exception {
        Files.createDirectories(prefix.resolve("domains/example.org"));
        new DkimKeys(prefix, Handover.KEEP, Clock.systemUTC()).keygen("example.org");
        assertEquals(1, run("doctor", "--no-dns"), err.toString());
        String text = out.toString();
        assertTrue(text.contains("  ok       every DKIM key reads (their DNS records not asked)\n"), text);
        assertTrue(text.matches("(?s).*\n  \\d{8}-ed25519\\._domainkey\\.example\\.org\\. TXT  \"v=DKIM1; k=ed25519; "
                + "p=[A-Za-z0-9+/]{43}=\"   \\(active\\)\n.*"), text);
    }

    @Test
    void doctorFailsWhenAnotherProgramHoldsAPort() throws IOException {
        try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Files.writeString(prefix.resolve("control/listen-smtp"), "127.0.0.1:" + other.getLocalPort() + "\n");
            assertEquals(1, run("doctor", "--no-dns"), err.toString());
            assertTrue(out.toString().contains("holds port " + other.getLocalPort()), out.toString());
        }
    }

    @Test
    void aBrokenListenFileIsAConfigurationError() throws IOException {
        Files.writeString(prefix.resolve("control/listen-pop3s"), "not an address\n");
        assertEquals(2, run("doctor", "--no-dns"));
        assertTrue(err.toString().contains("listen-pop3s"), err.toString());
        assertEquals("", out.toString());
    }
}
