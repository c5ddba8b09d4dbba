package org.godshell.toaster.arc;

import static org.godshell.toaster.dkim.PeerPrograms.DKIMPY_RECORDS;
import static org.godshell.toaster.dkim.PeerPrograms.PYTHON;
import static org.godshell.toaster.dkim.PeerPrograms.finish;
import static org.godshell.toaster.dkim.PeerPrograms.requirePython;
import static org.godshell.toaster.dkim.PeerPrograms.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.godshell.toaster.dkim.KeyFiles;
import org.godshell.toaster.dkim.PublishedKey;
import org.godshell.toaster.dkim.SigningKey;
import org.godshell.toaster.dns.FixtureDns;
import org.godshell.toaster.io.Handover;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An independent implementation, Debian's dkimpy ({@code python3-dkim}, whose ARC signing needs
 * {@code python3-authres}), through its Python API with the key records handed in: our one- and two-hop chains
 * verify with its {@code arc_verify}, its seals ({@code arc_sign}) verify with ours, and chains that mix the two
 * verify with both. Skipped where the packages are missing; under CI=true they must be there.
 */
class PeersTest extends ZoneTest {

    private static final String SELECTOR = "list";
    private static final String DOMAIN = "lists.example.net";

    /** dkimpy's verdict on the chain: its cv result and reason, on one line. */
    private static final String DKIMPY_VERIFY = DKIMPY_RECORDS + """
            cv, results, reason = dkim.arc_verify(message, dnsfunc=dnsfunc)
            print((cv or b'ended').decode(), reason)
            """;

    /**
     * dkimpy sealing as lists.example.net: it takes what to seal from its own Authentication-Results (the fifth
     * argument, added on top under the authserv-id of the fourth), then prints its set and the message.
     */
    private static final String DKIMPY_SEAL = DKIMPY_RECORDS + """
            with open(sys.argv[3], 'rb') as f:
                key = f.read()
            srv = sys.argv[4].encode()
            message = b'Authentication-Results: ' + srv + b'; ' + sys.argv[5].encode() + b'\\r\\n' + message
            fields = dkim.arc_sign(message, b'list', b'lists.example.net', key, srv, linesep=b'\\r\\n')
            sys.stdout.buffer.write(b''.join(fields) + message)
            """;

    /** Ours, on the real clock: dkimpy's seals carry the time they are made. */
    private static ChainVerifier now;

    @TempDir
    Path temp;
    private Path records;
    private Path key;

    @BeforeAll
    static void realClock() {
        now = new ChainVerifier(dns.dns(), Duration.ofSeconds(2), Clock.systemUTC());
    }

    @BeforeEach
    void files() throws Exception {
        requirePython("dkim, authres", "python3-dkim python3-authres");
        String txt = PublishedKey.txt(Fixture.RSA.getPublic());
        records = Files.writeString(temp.resolve("records"), "arc._domainkey.example.org. " + txt + "\n"
                + SELECTOR + "._domainkey." + DOMAIN + ". " + txt + "\n");
        key = temp.resolve("key.pem");
        KeyFiles.write(key, Fixture.RSA.getPrivate(), Handover.KEEP);
    }

    @Test
    void ourOneHopVerifiesWithDkimpy() throws Exception {
        assertDkimpyPasses(ourHop(Fixture.crlf(Fixture.MESSAGE)));
    }

    @Test
    void ourTwoHopsVerifyWithDkimpyThoughTheSecondChangedTheSubject() throws Exception {
        byte[] once = ourHop(Fixture.crlf(Fixture.MESSAGE));
        byte[] tagged = Fixture.text(once).replace("Subject: Is", "Subject: [family] Is")
                .getBytes(StandardCharsets.UTF_8);
        Sealer list = new Sealer(DOMAIN, List.of(new SigningKey(SELECTOR, Fixture.RSA.getPrivate())),
                Clock.systemUTC());
        byte[] twice = Fixture.hop(once, tagged, list, "mx." + DOMAIN, now);
        assertDkimpyPasses(twice);
        assertEquals(2, assertWePass(twice).oldestPass());
    }

    @Test
    void ourChainChangedAfterSealingFailsWithDkimpyToo() throws Exception {
        byte[] once = ourHop(Fixture.crlf(Fixture.MESSAGE));
        assertDkimpySays("fail", Fixture.text(once).replace("We lost", "We won").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void dkimpysSealVerifiesWithOurs() throws Exception {
        byte[] sealed = dkimpyHop(Fixture.crlf(Fixture.MESSAGE), "spf=pass smtp.mailfrom=joe@example.com");
        assertTrue(Fixture.text(sealed).startsWith("ARC-Seal: i=1; cv=none; a=rsa-sha256; d=" + DOMAIN),
                Fixture.text(sealed));
        ChainVerdict verdict = assertWePass(sealed);
        assertEquals(DOMAIN, verdict.newest().orElseThrow().sealer());
        assertTrue(verdict.newest().orElseThrow().results().contains("spf=pass"), verdict.toString());
    }

    @Test
    void dkimpyOnTopOfOursVerifiesWithBoth() throws Exception {
        byte[] once = ourHop(Fixture.crlf(Fixture.MESSAGE));
        assertWePass(once);
        byte[] twice = dkimpyHop(once, "arc=pass");
        assertTrue(Fixture.text(twice).startsWith("ARC-Seal: i=2; cv=pass;"), Fixture.text(twice));
        assertEquals(2, assertWePass(twice).instances());
        assertDkimpyPasses(twice);
    }

    @Test
    void oursOnTopOfDkimpyVerifiesWithBoth() throws Exception {
        byte[] once = dkimpyHop(Fixture.crlf(Fixture.MESSAGE), "spf=pass smtp.mailfrom=joe@example.com");
        byte[] twice = ourHop(once);
        assertTrue(Fixture.text(twice).startsWith("ARC-Seal: i=2; cv=pass;"), Fixture.text(twice));
        assertEquals(2, assertWePass(twice).instances());
        assertDkimpyPasses(twice);
    }

    /** Our hop as example.org, now (dkimpy refuses a t= in the future). */
    private static byte[] ourHop(byte[] message) {
        Sealer ours = new Sealer("example.org", List.of(new SigningKey("arc", Fixture.RSA.getPrivate())),
                Clock.systemUTC());
        return Fixture.hop(message, ours, "mx.example.org", now);
    }

    private static ChainVerdict assertWePass(byte[] message) {
        ChainVerdict verdict = now.verify(message);
        assertEquals(ChainResult.PASS, verdict.result(), verdict.reason() + "\n" + Fixture.text(message));
        return verdict;
    }

    private void assertDkimpyPasses(byte[] message) throws Exception {
        assertDkimpySays("pass success", message);
    }

    /** dkimpy's verdict on {@code message}, its last line, starts with {@code verdict}. */
    private void assertDkimpySays(String verdict, byte[] message) throws Exception {
        Path file = Files.write(temp.resolve("sealed.eml"), message);
        List<String> out = run(List.of(PYTHON.toString(), "-c", DKIMPY_VERIFY, file.toString(), records.toString()));
        assertTrue(out.getLast().startsWith(verdict), "dkimpy's arc_verify: " + out + "\n" + Fixture.text(message));
    }

    /** dkimpy's hop as lists.example.net, its Authentication-Results saying {@code results}. */
    private byte[] dkimpyHop(byte[] message, String results) throws Exception {
        Path in = Files.write(temp.resolve("in.eml"), message);
        List<String> command = List.of(PYTHON.toString(), "-c", DKIMPY_SEAL, in.toString(), records.toString(),
                key.toString(), "mx." + DOMAIN, results);
        Process process = new ProcessBuilder(command).redirectError(temp.resolve("seal.err").toFile()).start();
        byte[] out = process.getInputStream().readAllBytes();
        finish(process, command);
        assertTrue(out.length > message.length, "dkimpy added no set: " + Files.readString(temp.resolve("seal.err")));
        return out;
    }
}
