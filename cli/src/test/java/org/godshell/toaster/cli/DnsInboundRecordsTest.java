package org.godshell.toaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.tls.SelfSigned;
import org.godshell.toaster.tls.ServerCertificate;
import org.godshell.toaster.tlspublish.StsPolicy;
import org.godshell.toaster.tlspublish.Tlsa;
import org.godshell.toaster.users.UserStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code toaster dns}: the MTA-STS, TLS-RPT and TLSA records of each domain, in the zone-file format of the rest. */
class DnsInboundRecordsTest {

    @TempDir
    Path prefix;
    private Path control;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void installation() throws Exception {
        control = Files.createDirectories(prefix.resolve("control"));
        Files.writeString(control.resolve("me"), "mail.example.org\n");
        Files.writeString(control.resolve("servercert.pem"), SelfSigned.create("mail.example.org"));
        Files.writeString(prefix.resolve(".toaster-install"), "hostname=mail.example.org\ndomain=example.org\n");
        UserStore.open(prefix).addDomain("example.org");
    }

    private String dns() {
        assertEquals(0, Toaster.execute(new PrintWriter(out, true), new PrintWriter(err, true), "dns", "--prefix",
                prefix.toString()), err.toString());
        return out.toString();
    }

    private String hash(Path pem) throws Exception {
        return Tlsa.of(ServerCertificate.read(pem).chain().getFirst()).sha256();
    }

    @Test
    void eachDomainGetsItsPolicyReportAndTlsaRecords() throws Exception {
        String id = StsPolicy.read(Controls.once(control)).id();
        String text = dns();
        assertTrue(text.contains("  mta-sts.example.org.         CNAME mail.example.org.\n"), text);
        assertTrue(text.contains("  _mta-sts.example.org.        TXT  \"v=STSv1; id=" + id + "\"   (mode testing)\n"),
                text);
        assertTrue(text.contains("  _smtp._tls.example.org.      TXT  \"v=TLSRPTv1; "
                + "rua=mailto:postmaster@example.org\"\n"), text);
        assertTrue(text.contains("  _25._tcp.mail.example.org.   TLSA 3 1 1 " + hash(control.resolve("servercert.pem"))
                + "\n"), text);
    }

    @Test
    void aServercertsKeyForTheHostAddsATlsaRecordAndOneForAnotherNameDoesNot() throws Exception {
        Path more = Files.createDirectories(control.resolve("servercerts"));
        Files.writeString(more.resolve("mx.pem"), SelfSigned.create("mail.example.org"));
        Files.writeString(more.resolve("web.pem"), SelfSigned.create("www.example.org"));
        String text = dns();
        assertEquals(2, text.lines().filter(line -> line.contains(" TLSA 3 1 1 ")).count(), text);
        assertTrue(text.contains("TLSA 3 1 1 " + hash(more.resolve("mx.pem"))), text);
        assertFalse(text.contains(hash(more.resolve("web.pem"))), text);
    }

    @Test
    void modeNoneLeavesOutThePolicyRecord() throws Exception {
        Files.writeString(control.resolve("mtastsmode"), "none\n");
        String text = dns();
        assertFalse(text.contains("_mta-sts."), text);
        assertTrue(text.contains("_smtp._tls.example.org."), text);
    }

    @Test
    void aBrokenFileIsOneLineInPlaceOfTheRecords() throws Exception {
        Files.writeString(control.resolve("mtastsmode"), "Enforce\n");
        String text = dns();
        assertTrue(text.contains("  MTA-STS, TLS-RPT, TLSA: cannot be printed: ") && text.contains("mtastsmode:1: "),
                text);
        assertFalse(text.contains(" TLSA 3 1 1 "), text);
    }
}
