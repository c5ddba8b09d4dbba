package org.godshell.toaster.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.dns.FixtureDns;
import org.godshell.toaster.hostcheck.Finding;
import org.godshell.toaster.tls.SelfSigned;
import org.godshell.toaster.tls.ServerCertificate;
import org.godshell.toaster.tlspublish.StsPolicy;
import org.godshell.toaster.tlspublish.Tlsa;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The doctor's MTA-STS, TLS-RPT and DANE findings on a toaster with a self-signed certificate, DNS from a
 * fixture holding the right records, stale ones and none.
 */
class InboundTlsCheckTest {

    private static final String HOST = "mail.example.org";
    private static String selfSigned;
    private static String otherKey;

    @TempDir
    Path prefix;
    private Path control;
    private FixtureDns dns;

    @BeforeAll
    static void certificates() throws Exception {
        selfSigned = SelfSigned.create(HOST);
        otherKey = SelfSigned.create(HOST);
    }

    @BeforeEach
    void installation() throws Exception {
        control = Files.createDirectories(prefix.resolve("control"));
        Files.writeString(control.resolve("me"), HOST + "\n");
        Files.writeString(control.resolve("servercert.pem"), selfSigned);
        Files.createDirectories(prefix.resolve("domains/example.org"));
        dns = new FixtureDns().a(HOST + ".", "192.0.2.25");
    }

    @AfterEach
    void stop() throws InterruptedException {
        dns.close();
    }

    private String id() throws Exception {
        return StsPolicy.read(Controls.once(control)).id();
    }

    private byte[] key(String pem) throws Exception {
        Path file = Files.writeString(prefix.resolve("key.pem"), pem);
        return HexFormat.of().parseHex(Tlsa.of(ServerCertificate.read(file).chain().getFirst()).sha256());
    }

    private List<String> check(boolean withDns) throws Exception {
        return new InboundTlsCheck(prefix, HOST, withDns ? Optional.of(dns.dns()) : Optional.empty(),
                Clock.systemUTC()).check().stream().map(Finding::line).toList();
    }

    private static String find(List<String> lines, String part) {
        return lines.stream().filter(line -> line.contains(part)).findFirst()
                .orElseThrow(() -> new AssertionError("no line with \"" + part + "\" in " + lines));
    }

    @Test
    void theRightRecordsAreOk() throws Exception {
        dns.txt("_mta-sts.example.org.", "v=STSv1; id=" + id()).a("mta-sts.example.org.", "192.0.2.25")
                .txt("_smtp._tls.example.org.", "v=TLSRPTv1; rua=mailto:postmaster@example.org")
                .tlsa("_25._tcp." + HOST + ".", 3, 1, 1, key(selfSigned));
        List<String> lines = check(true);
        assertEquals("  ok       MTA-STS: the policy is mode testing, mx mail.example.org, max_age 604800, id " + id(),
                lines.getFirst());
        assertTrue(find(lines, "servercert.pem served for mail.example.org").startsWith("  ok       MTA-STS: the "
                + "certificate servercert.pem served for mail.example.org is self-signed; fine for testing"));
        assertEquals("  ok       MTA-STS: _mta-sts.example.org publishes the current id " + id(),
                find(lines, "_mta-sts.example.org"));
        assertEquals("  ok       MTA-STS: mta-sts.example.org points to this host", find(lines, "points"));
        assertTrue(find(lines, "TLS-RPT").startsWith("  ok       TLS-RPT: _smtp._tls.example.org asks for reports: "
                + "v=TLSRPTv1; rua=mailto:postmaster@example.org"), lines.toString());
        assertEquals("  ok       DANE: _25._tcp.mail.example.org publishes the key of the certificate served",
                find(lines, "DANE"));
        assertTrue(find(lines, "names mta-sts.example.org").startsWith("  warning  MTA-STS: no certificate names "
                + "mta-sts.example.org; senders cannot fetch the policy (RFC 8461 §3.3): get one with toaster cert "
                + "acme, or put one for mta-sts.example.org in control/servercerts/"), lines.toString());
        assertEquals(0, lines.stream().filter(line -> line.startsWith("  FAILED")).count(), lines.toString());
    }

    @Test
    void staleRecordsSayWhatToPublish() throws Exception {
        dns.txt("_mta-sts.example.org.", "v=STSv1; id=20260101").a("mta-sts.example.org.", "198.51.100.7")
                .tlsa("_25._tcp." + HOST + ".", 3, 1, 1, key(otherKey));
        List<String> lines = check(true);
        assertEquals("  warning  MTA-STS: policy changed: publish id=" + id() + " (_mta-sts.example.org. TXT \""
                + "v=STSv1; id=" + id() + "\"); until then senders keep the policy they fetched",
                find(lines, "_mta-sts.example.org"));
        assertEquals("  warning  MTA-STS: mta-sts.example.org has 198.51.100.7, not the address of mail.example.org;"
                + " publish: mta-sts.example.org. CNAME mail.example.org.", find(lines, "198.51.100.7"));
        assertTrue(find(lines, "DANE").startsWith("  FAILED   DANE: _25._tcp.mail.example.org pins no key the "
                + "server has: senders that check DANE refuse to deliver; publish _25._tcp.mail.example.org. TLSA "
                + "3 1 1 " + HexFormat.of().formatHex(key(selfSigned))), lines.toString());
    }

    @Test
    void missingRecordsAreWarningsOrInformation() throws Exception {
        List<String> lines = check(true);
        assertEquals("  warning  MTA-STS: _mta-sts.example.org is not published; publish: _mta-sts.example.org. TXT"
                + " \"v=STSv1; id=" + id() + "\"", find(lines, "_mta-sts.example.org"));
        assertEquals("  warning  MTA-STS: mta-sts.example.org does not resolve, so senders cannot fetch the policy; "
                + "publish: mta-sts.example.org. CNAME mail.example.org.", find(lines, "does not resolve"));
        assertEquals("  ok       TLS-RPT: _smtp._tls.example.org is not published (optional): senders send no "
                + "reports of failed TLS; publish: _smtp._tls.example.org. TXT \"v=TLSRPTv1; "
                + "rua=mailto:postmaster@example.org\"", find(lines, "TLS-RPT"));
        assertTrue(find(lines, "DANE").startsWith("  ok       DANE: _25._tcp.mail.example.org has no TLSA record"));
    }

    @Test
    void twoPolicyRecordsAreNoneAndAFailingResolverIsAWarning() throws Exception {
        dns.txt("_mta-sts.example.org.", "v=STSv1; id=" + id()).txt("_mta-sts.example.org.", "v=STSv1; id=other")
                .servfail("_25._tcp." + HOST + ".");
        List<String> lines = check(true);
        assertTrue(find(lines, "_mta-sts.example.org").startsWith("  warning  MTA-STS: _mta-sts.example.org has 2 "
                + "STSv1 records, which senders take as none"), lines.toString());
        assertTrue(find(lines, "DANE").startsWith("  warning  DANE: _25._tcp.mail.example.org TLSA: "),
                lines.toString());
    }

    @Test
    void aKeyRolloverKeepsTheOldRecordBesideTheNew() throws Exception {
        dns.tlsa("_25._tcp." + HOST + ".", 3, 1, 1, key(selfSigned)).tlsa("_25._tcp." + HOST + ".", 3, 1, 1,
                key(otherKey));
        assertEquals("  ok       DANE: _25._tcp.mail.example.org publishes the key of the certificate served (and 1 "
                + "other 3 1 1 record(s): keep them only while a key change is under way)", find(check(true), "DANE"));
    }

    @Test
    void tlsaOfOtherUsagesIsNotJudged() throws Exception {
        dns.tlsa("_25._tcp." + HOST + ".", 2, 0, 1, key(otherKey));
        assertTrue(find(check(true), "DANE").startsWith("  ok       DANE: _25._tcp.mail.example.org has TLSA "
                + "records other than 3 1 1, not checked here: 2 0 1 "));
    }

    @Test
    void enforceWithASelfSignedCertificateFailsWithoutAskingDns() throws Exception {
        Files.writeString(control.resolve("mtastsmode"), "enforce\n");
        List<String> lines = check(false);
        assertEquals(List.of(
                "  ok       MTA-STS: the policy is mode enforce, mx mail.example.org, max_age 604800, id " + id(),
                "  FAILED   MTA-STS mode is enforce but the certificate servercert.pem served for mail.example.org "
                        + "is self-signed: senders that honour the policy refuse to deliver; write testing to "
                        + "control/mtastsmode, or get a trusted certificate (toaster cert acme)"), lines);
        assertEquals(0, dns.queries());
    }

    @Test
    void enforceWithACertificateForAnotherNameFails() throws Exception {
        Files.writeString(control.resolve("mtastsmode"), "enforce\n");
        Files.writeString(control.resolve("servercert.pem"), SelfSigned.create("other.example.org"));
        assertTrue(check(false).get(1).contains("does not name mail.example.org"));
    }

    @Test
    void noneWithARecordStillPublishedSaysToRemoveIt() throws Exception {
        Files.writeString(control.resolve("mtastsmode"), "none\n");
        dns.txt("_mta-sts.example.org.", "v=STSv1; id=20260101");
        List<String> lines = check(true);
        assertEquals("  ok       MTA-STS: control/mtastsmode is none, so no policy is published", lines.getFirst());
        assertTrue(find(lines, "_mta-sts.example.org").startsWith("  warning  MTA-STS: _mta-sts.example.org still "
                + "announces a policy, but control/mtastsmode is none"), lines.toString());
        assertTrue(lines.stream().noneMatch(line -> line.contains("mta-sts.example.org points")
                || line.contains("TLS-RPT")), lines.toString());
    }

    @Test
    void aBadControlFileFailsWithItsLine() throws Exception {
        Files.writeString(control.resolve("mtastsmode"), "strict\n");
        List<String> lines = check(true);
        assertEquals(1, lines.size());
        assertTrue(lines.getFirst().startsWith("  FAILED   MTA-STS and DANE cannot be checked: ")
                && lines.getFirst().contains("mtastsmode:1: "), lines.getFirst());
    }

    @Test
    void aRecordWithControlCharactersIsPrintedWithoutThem() throws Exception {
        dns.txt("_smtp._tls.example.org.", "v=TLSRPTv1; rua=mailto:a@example.org\u001b[2J");
        String line = find(check(true), "TLS-RPT");
        assertTrue(line.endsWith("rua=mailto:a@example.org?[2J"), line);
    }
}
