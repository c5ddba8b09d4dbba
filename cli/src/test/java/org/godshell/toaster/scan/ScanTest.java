package org.godshell.toaster.scan;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.net.ssl.SSLHandshakeException;
import org.godshell.toaster.reload.Edits;
import org.godshell.toaster.scan.Testssl.Finding;
import org.godshell.toaster.scan.Testssl.Target;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What real scanners find in the real daemons (issue 18, "what real peers and attacks found" 1 and 3): testssl.sh
 * on every TLS port, nmap's relay, user and cipher scripts on SMTP as a client from outside. CI installs both
 * (.ci/run); elsewhere a test whose scanner is missing is skipped. The TLS probes need no scanner and always run.
 */
class ScanTest {

    /**
     * The findings that are no weakness of the toaster, each with why; anything else LOW or worse fails. The
     * certificate ones come from the test's self-signed certificate, whatever the server does.
     */
    private static final Map<String, String> EXPLAINED = Map.of(
            "cert_chain_of_trust", "self-signed: no CA vouches for it (an install's CA-signed certificate has a chain)",
            "cert_revocation", "a self-signed certificate names no CRL or OCSP responder to ask",
            "cert_validityPeriod", "toaster cert selfsigned's three years: the 825-day cap binds public CAs only",
            "BREACH", "the wiki's pages are static files, gzipped: BREACH needs a secret and echoed input in them");

    @TempDir
    static Path temp;
    private static ScannedToaster toaster;

    @BeforeAll
    static void start() throws Exception {
        toaster = ScannedToaster.start(temp);
    }

    @AfterAll
    static void stop() {
        if (toaster != null) {
            toaster.close();
        }
    }

    @AfterEach
    void daemonsStillRun() throws Exception {
        toaster.assertAlive();
    }

    @Test
    void testsslFindsNoWeaknessOnAnyTlsPort() throws Exception {
        Scanner.TESTSSL.require();
        ScannedToaster.Ports ports = toaster.ports;
        Map<Target, List<Finding>> reports = Testssl.scan(Files.createDirectories(temp.resolve("testssl")), List.of(
                new Target("smtps", ports.smtps(), ""), new Target("submission", ports.submission(), "smtp"),
                new Target("pop3s", ports.pop3s(), ""), new Target("https", ports.https(), "")));
        reports.forEach((target, findings) -> assertAll(target.toString(),
                () -> assertFinding(findings, "SSLv2", "not offered"::equals),
                () -> assertFinding(findings, "SSLv3", "not offered"::equals),
                () -> assertFinding(findings, "TLS1", "not offered"::equals),
                () -> assertFinding(findings, "TLS1_1", "not offered"::equals),
                () -> assertFinding(findings, "TLS1_2", "offered"::equals),
                () -> assertFinding(findings, "TLS1_3", text -> text.startsWith("offered")),
                () -> assertFinding(findings, "cipherlist_AVERAGE", "not offered"::equals),
                // Its verdict when the server refuses a second handshake; "likely" when the attempt hung.
                () -> assertFinding(findings, "secure_client_renego",
                        text -> text.matches("(likely )?not vulnerable.*")),
                () -> assertEquals(List.of(), findings.stream().filter(finding -> Testssl.WEAKNESS.contains(
                        finding.severity()) && !EXPLAINED.containsKey(finding.id())).toList())));
    }

    private static void assertFinding(List<Finding> findings, String id, Predicate<String> expected) {
        List<Finding> those = findings.stream().filter(finding -> finding.id().equals(id)).toList();
        assertTrue(those.size() == 1 && expected.test(those.getFirst().finding()), id + ": " + those);
    }

    /** From outside, smtp-enum-users tries its names at our domain by RCPT (VRFY says 252 to all, EXPN 502). */
    @Test
    void nmapFindsNoOpenRelayAndNoUser() throws Exception {
        Scanner.NMAP.require();
        Map<String, NmapXml.Script> scripts = Nmap.run(Files.createDirectories(temp.resolve("nmap-smtp")), "smtp",
                List.of(toaster.ports.smtp()), List.of("smtp-open-relay", "smtp-enum-users"),
                "smtp-enum-users.domain=" + ScannedToaster.DOMAIN).get(toaster.ports.smtp());
        assertEquals("Server doesn't seem to be an open relay, all tests failed",
                scripts.get("smtp-open-relay").output());
        assertEquals("Couldn't find any accounts", scripts.get("smtp-enum-users").output().strip());
        assertTrue(toaster.smtpd.log().contains(" from=<usertest@" + ScannedToaster.DOMAIN + "> "),
                "its RCPT method ran at our domain: " + toaster.smtpd.log());
    }

    /** The same relay scan from a source tcp.smtp lets relay: it would see an open relay if there were one. */
    @Test
    void nmapSeesTheRelayATcpSmtpRuleAllows() throws Exception {
        Scanner.NMAP.require();
        try (Edits edits = new Edits(toaster.prefix)) {
            edits.write("control/tcp.smtp", "127.0.0.1:allow,RELAYCLIENT=\"\"\n" + ScannedToaster.OUTSIDE);
            String relay = Nmap.run(Files.createDirectories(temp.resolve("nmap-relay")), "relay",
                    List.of(toaster.ports.smtp()), List.of("smtp-open-relay"), "").get(toaster.ports.smtp())
                    .get("smtp-open-relay").output();
            assertTrue(relay.startsWith("Server is an open relay ("), relay);
        }
    }

    /** nmap's grade of the weakest suite; submission's STARTTLS would need nmap's slow service detection. */
    @Test
    void nmapGradesTheSuitesOfEveryPortWithTlsOnConnectA() throws Exception {
        Scanner.NMAP.require();
        List<Integer> ports = toaster.ports.tlsOnConnect();
        Map<Integer, Map<String, NmapXml.Script>> found = Nmap.run(
                Files.createDirectories(temp.resolve("nmap-tls")), "tls", ports, List.of("ssl-enum-ciphers"), "");
        for (int port : ports) {
            assertEquals("A", found.get(port).get("ssl-enum-ciphers").elements().get("least strength"), "port " + port);
        }
    }

    /** As testssl.sh reads it: the refusal is an alert that ends the handshake, on the wiki's Jetty as elsewhere. */
    @Test
    void everyPortWithTlsOnConnectAnswersARenegotiationWithAHandshakeFailureAlert() {
        assertAll(toaster.ports.tlsOnConnect().stream().map(port -> () -> {
            String end = TlsProbe.renegotiation(toaster, port);
            assertTrue(end.contains("handshake_failure"), "port " + port + ": " + end);
        }));
    }

    /** TLS 1.2 with ECDHE and AEAD only: a CBC or finite-field DHE suite finds no partner on any port. */
    @Test
    void everyPortWithTlsOnConnectServesOnlyAeadSuitesWithEcdhe() {
        assertAll(toaster.ports.tlsOnConnect().stream().map(port -> () -> {
            assertEquals("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                    TlsProbe.suite(toaster, port, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));
            for (String weak : List.of("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
                    "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256")) {
                assertThrows(SSLHandshakeException.class, () -> TlsProbe.suite(toaster, port, weak), port + " " + weak);
            }
        }));
    }
}
