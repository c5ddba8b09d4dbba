package org.godshell.toaster.dkim;

import static org.godshell.toaster.dkim.PeerPrograms.PYTHON;
import static org.godshell.toaster.dkim.PeerPrograms.finish;
import static org.godshell.toaster.dkim.PeerPrograms.require;
import static org.godshell.toaster.dkim.PeerPrograms.requirePython;
import static org.godshell.toaster.dkim.PeerPrograms.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.EdECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.godshell.toaster.dns.FixtureDns;
import org.godshell.toaster.io.Handover;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Independent implementations, from Debian's packages: our signatures verify with dkimpy ({@code python3-dkim},
 * through its Python API with the key records handed in, as its {@code dkimverify} would read DNS) and with
 * OpenDKIM (in its test mode, keys from {@code TestDNSData}); theirs ({@code dkimsign}, OpenDKIM signing) verify
 * with ours. Every program gets its arguments as a list, never a shell string. Skipped where the packages are
 * missing; under CI=true they must be there.
 */
class PeersTest {

    private static final Path DKIMSIGN = Path.of("/usr/bin/dkimsign");
    private static final Path OPENDKIM = Path.of("/usr/sbin/opendkim");
    private static final String DOMAIN = "example.org";
    private static final String MESSAGE = """
            From: Joe SixPack <joe@example.org>
            To: Suzie Q <suzie@example.net>
            Subject: Is dinner ready?
            Date: Sun, 6 Dec 2026 12:00:00 +0000
            Message-ID: <20261206120000.1@example.org>
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8

            Hi.

            We lost the game.\t Are you hungry yet?  \s

            Joe.


            """;

    /** dkimpy's own verification of every signature of a message. */
    private static final String DKIMPY_VERIFY = PeerPrograms.DKIMPY_RECORDS + """
            verifier = dkim.DKIM(message)
            count = sum(1 for name, value in verifier.headers if name.lower() == b'dkim-signature')
            for i in range(count):
                print('pass' if verifier.verify(idx=i, dnsfunc=dnsfunc) else 'fail')
            """;

    private static FixtureDns dns;

    @TempDir
    Path temp;

    @BeforeAll
    static void zone() throws Exception {
        dns = new FixtureDns()
                .txt("r2026._domainkey.example.org.", HandSigner.strings(PublishedKey.txt(HandSigner.RSA.getPublic())))
                .txt("e2026._domainkey.example.org.", PublishedKey.txt(HandSigner.ED25519.getPublic()));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        dns.close();
    }

    @Test
    void ourSignaturesVerifyWithDkimpy() throws Exception {
        requirePython("dkim, nacl", "python3-dkim python3-nacl");
        Path message = Files.write(temp.resolve("signed.eml"), signedByUs());
        Path records = Files.writeString(temp.resolve("records"), records(". "));
        List<String> out = run(List.of(PYTHON.toString(), "-c", DKIMPY_VERIFY, message.toString(), records.toString()));
        assertEquals(List.of("pass", "pass"), out, "dkimpy on rsa-sha256 and ed25519-sha256");
    }

    @Test
    void dkimpySignaturesVerifyWithOurs() throws Exception {
        require(DKIMSIGN, "python3-dkim python3-nacl");
        requirePython("dkim, nacl", "python3-dkim python3-nacl");
        Path rsa = temp.resolve("rsa.pem");
        KeyFiles.write(rsa, HandSigner.RSA.getPrivate(), Handover.KEEP);
        Path seed = Files.writeString(temp.resolve("ed25519.seed"), Base64.getEncoder().encodeToString(
                ((EdECPrivateKey) HandSigner.ED25519.getPrivate()).getBytes().orElseThrow()) + "\n");
        byte[] message = Rfc.crlf(MESSAGE);
        message = dkimsign(message, List.of("--hcanon", "simple", "--bcanon", "simple", "r2026", DOMAIN, rsa.toString()));
        message = dkimsign(message, List.of("--signalg", "ed25519-sha256", "--hcanon", "relaxed", "--bcanon",
                "relaxed", "e2026", DOMAIN, seed.toString()));
        List<DkimVerdict> verdicts = verifier().verify(message);
        assertEquals(List.of("e2026", "r2026"), verdicts.stream().map(DkimVerdict::selector).toList());
        for (DkimVerdict verdict : verdicts) {
            assertEquals(DkimResult.PASS, verdict.result(), verdict.toString());
        }
    }

    @Test
    void ourSignaturesVerifyWithOpendkim() throws Exception {
        require(OPENDKIM, "opendkim");
        Path message = Files.write(temp.resolve("signed.eml"), signedByUs());
        Path records = Files.writeString(temp.resolve("records"), records(" "));
        Path conf = Files.writeString(temp.resolve("verify.conf"), "Mode v\nSyslog no\nTestDNSData file:" + records
                + "\n");
        Map<String, String> results = opendkimResults(run(List.of(OPENDKIM.toString(), "-x", conf.toString(), "-vvv",
                "-t", message.toString())));
        assertEquals(Map.of("r2026", "pass", "e2026", "pass"), results);
    }

    @Test
    void opendkimSignaturesVerifyWithOurs() throws Exception {
        require(OPENDKIM, "opendkim");
        byte[] message = Rfc.crlf(MESSAGE);
        message = opendkimSign(message, "r2026", HandSigner.RSA.getPrivate(), "rsa-sha256", "simple/simple");
        message = opendkimSign(message, "e2026", HandSigner.ED25519.getPrivate(), "ed25519-sha256", "relaxed/relaxed");
        List<DkimVerdict> verdicts = verifier().verify(message);
        assertEquals(List.of("e2026", "r2026"), verdicts.stream().map(DkimVerdict::selector).toList());
        for (DkimVerdict verdict : verdicts) {
            assertEquals(DkimResult.PASS, verdict.result(), verdict.toString());
        }
    }

    private static Verifier verifier() {
        return new Verifier(dns.dns(), Duration.ofSeconds(2), Clock.systemUTC());
    }

    /** The message signed by the toaster's signer, now (peers refuse a t= in the future). */
    private static byte[] signedByUs() {
        Signer signer = new Signer(DOMAIN, List.of(new SigningKey("r2026", HandSigner.RSA.getPrivate()),
                new SigningKey("e2026", HandSigner.ED25519.getPrivate())), Clock.systemUTC());
        return ((Signing.Signed) signer.sign(Rfc.crlf(MESSAGE))).prependTo(Rfc.crlf(MESSAGE));
    }

    /** NAME RECORD lines for both keys; dkimpy asks for names with a final dot, OpenDKIM without. */
    private static String records(String afterName) {
        return "r2026._domainkey." + DOMAIN + afterName + PublishedKey.txt(HandSigner.RSA.getPublic()) + "\n"
                + "e2026._domainkey." + DOMAIN + afterName + PublishedKey.txt(HandSigner.ED25519.getPublic()) + "\n";
    }

    private byte[] dkimsign(byte[] message, List<String> arguments) throws Exception {
        Path in = Files.write(temp.resolve("in.eml"), message);
        List<String> command = new ArrayList<>(List.of(DKIMSIGN.toString()));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectInput(in.toFile())
                .redirectError(temp.resolve("dkimsign.err").toFile()).start();
        byte[] out = process.getInputStream().readAllBytes();
        finish(process, command);
        return out;
    }

    private byte[] opendkimSign(byte[] message, String selector, java.security.PrivateKey key, String algorithm,
            String canonicalization) throws Exception {
        Path keyFile = temp.resolve(selector + ".pem");
        KeyFiles.write(keyFile, key, Handover.KEEP);
        Path in = Files.write(temp.resolve(selector + ".eml"), message);
        Path conf = Files.writeString(temp.resolve(selector + ".conf"), String.join("\n", "Mode s", "Syslog no",
                "Domain " + DOMAIN, "Selector " + selector, "KeyFile " + keyFile, "SignatureAlgorithm " + algorithm,
                "Canonicalization " + canonicalization, "RequireSafeKeys no", ""));
        List<String> out = run(List.of(OPENDKIM.toString(), "-x", conf.toString(), "-t", in.toString()));
        StringBuilder field = new StringBuilder();
        for (String line : out) {
            if (line.startsWith("DKIM-Signature:") || !field.isEmpty() && (line.startsWith("\t") || line.startsWith(" "))) {
                field.append(line).append("\r\n");
            }
        }
        assertTrue(field.length() > 0, "OpenDKIM printed no signature: " + out);
        return HandSigner.concat(field.toString().getBytes(StandardCharsets.US_ASCII), message);
    }

    /** selector → result, from the Authentication-Results OpenDKIM's test mode prints at -vvv. */
    private static Map<String, String> opendkimResults(List<String> out) {
        Map<String, String> results = new LinkedHashMap<>();
        Pattern verdict = Pattern.compile("\\bdkim=(\\w+)\\b.*\\bheader\\.s=([^ ;]+)");
        for (String line : out) {
            Matcher m = verdict.matcher(line);
            if (m.find()) {
                results.put(m.group(2), m.group(1));
            }
        }
        assertTrue(!results.isEmpty(), "no verdict in OpenDKIM's output: " + out);
        return results;
    }
}
