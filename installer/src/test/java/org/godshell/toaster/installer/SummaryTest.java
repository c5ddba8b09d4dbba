package org.godshell.toaster.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.installer.prefix.Prefix;
import org.godshell.toaster.installer.settings.Mode;
import org.godshell.toaster.installer.settings.Settings;
import org.godshell.toaster.installer.step.Commands;
import org.godshell.toaster.installer.step.Dovecot;
import org.godshell.toaster.installer.step.StepContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summary's DNS records: {@code toaster dns}'s, which know the DKIM keys, else the installer's own lines. */
class SummaryTest {

    @TempDir
    Path root;

    private StepContext context(String toasterScript) throws Exception {
        Path bin = Files.createDirectories(root.resolve("bin"));
        Files.writeString(bin.resolve("toaster"), toasterScript);
        Files.setPosixFilePermissions(bin.resolve("toaster"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Prefix prefix = Prefix.of(root.toString());
        Settings settings = new Settings(prefix.root(), "mail.example.org", "example.org", "postmaster@example.org",
                Optional.empty(), Optional.empty(), Mode.SYSTEM, false, Path.of(System.getProperty("java.home"),
                "bin", "java"), true, true, true, Optional.empty());
        return new StepContext(settings, prefix, new Commands(settings.java()), new PrintWriter(new StringWriter()),
                Optional.empty(), Path.of("/proc"), Optional.empty(), new StepContext.Changes(),
                new Dovecot(root.resolve("none"), root.resolve("none"), root.resolve("none"), root.resolve("none"),
                        root.resolve("none")));
    }

    @Test
    void theRecordsAreToasterDnssForTheFirstDomain() throws Exception {
        StepContext context = context("#!/bin/sh\necho \"DNS records to publish for $3 ($1 $2):\"\n"
                + "echo '  s._domainkey.example.org. TXT  \"v=DKIM1; k=ed25519; p=x\"'\n");
        List<String> lines = Summary.dnsRecords(context);
        assertEquals(List.of("DNS records to publish for example.org (dns --domain):",
                "  s._domainkey.example.org. TXT  \"v=DKIM1; k=ed25519; p=x\""), lines);
        StringWriter out = new StringWriter();
        Summary.print(new PrintWriter(out), context.settings(), "running", lines);
        assertTrue(out.toString().endsWith("\n\nDNS records to publish for example.org (dns --domain):\n"
                + "  s._domainkey.example.org. TXT  \"v=DKIM1; k=ed25519; p=x\"\n"), out.toString());
    }

    @Test
    void whenTheCommandFailsTheInstallersOwnLinesSayWhereDkimIs() throws Exception {
        StepContext context = context("#!/bin/sh\necho broken >&2\nexit 1\n");
        List<String> lines = Summary.dnsRecords(context);
        assertEquals("DNS records to publish for example.org:", lines.getFirst());
        assertTrue(lines.contains("  example.org.                 TXT  \"v=spf1 mx -all\""), lines.toString());
        assertTrue(lines.contains("  _submission._tcp.example.org. SRV  0 1 587 mail.example.org."), lines.toString());
        assertTrue(lines.contains("  _autodiscover._tcp.example.org. SRV  0 1 443 mail.example.org."),
                "the installer's own ports: " + lines);
        assertEquals("  DKIM: " + context.root().resolve("bin/toaster") + " dkim show example.org prints its "
                + "records", lines.getLast());
    }

    @Test
    void withUsersInADatabaseTheSummaryNamesItNotItsPassword() throws Exception {
        Settings settings = new Settings(root, "mail.example.org", "example.org", "postmaster@example.org",
                Optional.empty(), Optional.empty(), Mode.SYSTEM, false, Path.of("/usr/bin/java"), true, true, true,
                Optional.empty(), Optional.of(new org.godshell.toaster.installer.settings.UsersDatabase(
                        "db.example.net", 5432, "toaster", "toaster", "s3cret")));
        StringWriter out = new StringWriter();
        Summary.print(new PrintWriter(out), settings, "running", List.of());
        assertTrue(out.toString().contains("\n  users              in the PostgreSQL database "
                + "postgresql://toaster@db.example.net:5432/toaster (control/userdb), shared with your other hosts\n"),
                out.toString());
        assertTrue(!out.toString().contains("s3cret"), out.toString());
    }
}
