import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.godshell.toaster.dkim.Algorithm;
import org.godshell.toaster.dkim.KeyFiles;
import org.godshell.toaster.dkim.PublishedKey;
import org.godshell.toaster.dkim.Signer;
import org.godshell.toaster.dkim.Signing;
import org.godshell.toaster.dkim.SigningKey;

/**
 * The signed message of bench/dkim.sh's verify mode: a sender domain's keys, made here (RSA-2048 and Ed25519,
 * as the toaster makes a domain's), the message signed with both by the toaster's own signer, and the key
 * records to publish in the benchmark's fixture DNS. Run with the JDK's source launcher and the toaster's
 * installed lib/ on the class path, no build needed:
 *
 * <pre>
 *   java -cp "PREFIX/lib/*" bench/DkimFixture.java DOMAIN MESSAGE OUTDIR
 * </pre>
 *
 * MESSAGE and OUTDIR/signed.msg have LF line ends, as smtp-source -F reads them (it sends each line with CRLF);
 * the signatures are made over the CRLF form that goes over the wire. OUTDIR/keys.zone has one line per key
 * in the fixture zone's syntax ({@code NAME TXT "..." "..."}); OUTDIR/SELECTOR.pem the private keys (PKCS#8).
 */
public class DkimFixture {

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: java -cp 'PREFIX/lib/*' bench/DkimFixture.java DOMAIN MESSAGE OUTDIR");
            System.exit(2);
        }
        String domain = args[0];
        String message = Files.readString(Path.of(args[1]), StandardCharsets.US_ASCII);
        Path out = Path.of(args[2]);
        List<SigningKey> keys = new ArrayList<>();
        List<String> zone = new ArrayList<>();
        for (Algorithm algorithm : List.of(Algorithm.RSA_SHA256, Algorithm.ED25519_SHA256)) {
            String selector = "bench-" + algorithm.keyType();
            KeyPair pair = KeyFiles.generate(algorithm);
            keys.add(new SigningKey(selector, pair.getPrivate()));
            Files.writeString(out.resolve(selector + ".pem"), KeyFiles.pem(pair.getPrivate()));
            zone.add(selector + "._domainkey." + domain + ".  TXT  \""
                    + String.join("\" \"", PublishedKey.txtStrings(pair.getPublic())) + "\"");
        }
        byte[] wire = message.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII);
        switch (new Signer(domain, keys, Clock.systemUTC()).sign(wire)) {
            case Signing.Signed signed -> {
                String text = new String(signed.prependTo(wire), StandardCharsets.US_ASCII);
                Files.writeString(out.resolve("signed.msg"), text.replace("\r\n", "\n"));
            }
            case Signing.Refused refused -> {
                System.err.println("DkimFixture: the message cannot be signed: " + refused.reason());
                System.exit(1);
            }
        }
        Files.write(out.resolve("keys.zone"), zone);
    }
}
