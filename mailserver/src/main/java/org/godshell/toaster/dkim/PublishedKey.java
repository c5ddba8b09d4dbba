package org.godshell.toaster.dkim;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.godshell.toaster.dns.Dns;

/**
 * The public side of a DKIM key: the TXT record to publish at {@code SELECTOR._domainkey.DOMAIN} (RFC 6376
 * §3.6.1; RFC 8463 §4.2 for Ed25519, whose {@code p=} is the raw 32-octet key, not a SubjectPublicKeyInfo), and
 * whether what DNS publishes is that record.
 */
public final class PublishedKey {

    /** A TXT string holds at most 255 octets (RFC 1035 §3.3.14); a longer record is several strings. */
    public static final int TXT_STRING = 255;

    private PublishedKey() {
    }

    /** The record's text: {@code v=DKIM1; k=rsa; p=...} or {@code v=DKIM1; k=ed25519; p=...}. */
    public static String txt(PublicKey key) {
        Algorithm algorithm = Algorithm.forKey(key);
        byte[] p = algorithm == Algorithm.ED25519_SHA256 ? Der.ed25519Raw(key.getEncoded()) : key.getEncoded();
        return "v=DKIM1; k=" + algorithm.keyType() + "; p=" + Base64.getEncoder().encodeToString(p);
    }

    /** {@link #txt} cut into TXT strings of at most 255 characters, as a zone file or DNS panel takes them. */
    public static List<String> txtStrings(PublicKey key) {
        String text = txt(key);
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < text.length(); i += TXT_STRING) {
            strings.add(text.substring(i, Math.min(text.length(), i + TXT_STRING)));
        }
        return strings;
    }

    /** The public key of {@code key}: from an RSA key's modulus and exponent, or an Ed25519 key's seed. */
    public static PublicKey of(PrivateKey key) throws GeneralSecurityException {
        return switch (key) {
            case RSAPrivateCrtKey rsa -> KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            case EdECPrivateKey ed -> {
                byte[] seed = ed.getBytes().orElseThrow(() -> new GeneralSecurityException(
                        "the Ed25519 key does not reveal its seed"));
                byte[] raw = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
                yield KeyFactory.getInstance("Ed25519").generatePublic(
                        new X509EncodedKeySpec(Der.ed25519PublicKeyInfo(raw)));
            }
            default -> throw new GeneralSecurityException("a " + key.getAlgorithm()
                    + " private key; DKIM keys are RSA (with its CRT parameters, as PKCS#8 files have) or Ed25519");
        };
    }

    /** What DNS publishes for a key, compared with the key we sign with. */
    public sealed interface Check {
        /** The published record holds our public key. */
        record Matches() implements Check {
        }

        /** No record, a revoked or malformed one, or another key: mail signed with ours fails. */
        record Mismatch(String reason) implements Check {
        }

        /** DNS did not answer; ask again later. */
        record Temporary(String reason) implements Check {
        }
    }

    /** Fetches {@code SELECTOR._domainkey.DOMAIN} and says whether it publishes {@code expected}. */
    public static Check check(Dns dns, Duration timeout, String selector, String domain, PublicKey expected) {
        try {
            KeyRecord published = KeyRecord.parse(KeyLookup.text(dns, selector + "._domainkey." + domain, timeout));
            if (!Arrays.equals(published.key().getEncoded(), expected.getEncoded())) {
                return new Check.Mismatch("the record at " + selector + "._domainkey." + domain
                        + " publishes another key; publish: " + txt(expected));
            }
            return new Check.Matches();
        } catch (DkimError e) {
            return e.result() == DkimResult.TEMPERROR ? new Check.Temporary(e.getMessage())
                    : new Check.Mismatch(e.getMessage());
        }
    }
}
