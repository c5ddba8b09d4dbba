package org.godshell.toaster.arc;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.authres.AuthenticationResults;
import org.godshell.toaster.authres.MethodResult;
import org.godshell.toaster.dkim.Algorithm;
import org.godshell.toaster.dkim.DkimError;
import org.godshell.toaster.dkim.HeaderField;
import org.godshell.toaster.dkim.Message;
import org.godshell.toaster.dkim.Names;
import org.godshell.toaster.dkim.SignatureField;
import org.godshell.toaster.dkim.SignatureTags;
import org.godshell.toaster.dkim.SignedFields;
import org.godshell.toaster.dkim.SigningKey;
import org.godshell.toaster.dkim.Verifier;

/**
 * Adds our ARC set to a message we forward (RFC 8617 §5.1): an ARC-Authentication-Results with the results we
 * recorded on arrival, an ARC-Message-Signature signing the message as DKIM would, and an ARC-Seal over the
 * chain, instance N + 1. The seal's {@code cv=} is the verdict of {@link ChainVerifier} on the message as it
 * arrived: {@code none} for no chain, {@code pass}, or {@code fail}, in which case the seal covers our set only
 * (§5.1.2); after a seal that says {@code cv=fail}, or at 50 sets, nothing is added.
 *
 * <p>Seals with the domain's RSA key ({@code rsa-sha256}) only: one set per hop leaves room for one algorithm,
 * and the ARC verifiers in use read no other (arc.md says why).
 *
 * <p>Deterministic: the same message, results and verdict at the same second give the same octets. Thread-safe:
 * it holds only its settings.
 */
public final class Sealer {

    private final String domain;
    private final SigningKey key;
    private final Clock clock;

    /**
     * @param domain the {@code d=} of both signatures
     * @param keys   the domain's signing keys; the first RSA one seals
     * @throws IllegalArgumentException for a domain that is no DNS name, or no RSA key among {@code keys}
     */
    public Sealer(String domain, List<SigningKey> keys, Clock clock) {
        this(domain, keys.stream().filter(key -> key.algorithm() == Algorithm.RSA_SHA256).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no RSA key for " + domain
                        + ": ARC seals with rsa-sha256 only")), clock);
    }

    /** Seals with {@code key} whatever its algorithm: for the tests of what the verifier accepts. */
    Sealer(String domain, SigningKey key, Clock clock) {
        try {
            this.domain = Names.domain("d", domain);
        } catch (DkimError e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        this.key = key;
        this.clock = clock;
    }

    /**
     * Our set for {@code message} (CRLF lines, as it will be sent), or why there is none.
     *
     * @param authservId our host name, the authserv-id of our Authentication-Results
     * @param results    what we recorded for the message on arrival (SPF, DKIM, DMARC); the {@code arc=} entry
     *                   of {@code incoming} is added when it is not among them
     * @param incoming   the verdict of {@link ChainVerifier} on the message as it arrived
     */
    public Sealing seal(byte[] message, String authservId, List<MethodResult> results, ChainVerdict incoming) {
        try {
            Message parsed = Message.parseToSign(message);
            Chain chain = Chain.read(parsed);
            return switch (SealPlan.of(chain, incoming)) {
                case SealPlan.Skip skip -> new Sealing.Refused(skip.reason());
                case SealPlan.Seal plan -> seal(parsed, chain, plan, authservId, results, incoming);
            };
        } catch (DkimError e) {
            return new Sealing.Refused(e.getMessage());
        }
    }

    private Sealing seal(Message message, Chain chain, SealPlan.Seal plan, String authservId,
            List<MethodResult> results, ChainVerdict incoming) {
        List<MethodResult> recorded = new ArrayList<>(results);
        Optional<MethodResult> arc = results.stream().filter(result -> result.method().equals("arc")).findFirst();
        if (arc.isEmpty()) {
            recorded.add(incoming.methodResult());
        } else if (!arc.get().result().equals(incoming.result().word())) {
            return new Sealing.Refused("the results say arc=" + arc.get().result() + " but the verdict given is "
                    + incoming.result().word());
        }
        List<String> names = signedNames(message);
        if (names.size() > SignatureTags.MAX_SIGNED) {
            return new Sealing.Refused("the message has so many header fields to sign that h= would name "
                    + names.size() + ", over the " + SignatureTags.MAX_SIGNED + " a verifier reads");
        }
        String authentication = AuthenticationResults.arcField(plan.instance(), authservId, recorded);
        String time = Long.toString(clock.instant().getEpochSecond());
        try {
            String signature = SignatureField.sign("ARC-Message-Signature", List.of("i=" + plan.instance(),
                    "a=" + key.algorithm().word(), "c=relaxed/relaxed", "d=" + domain, "s=" + key.selector(),
                    "t=" + time), names, Optional.of(SignatureField.bodyHash(message)),
                    SignatureField.selected(message, names), key);
            List<HeaderField> scope = new ArrayList<>();
            if (chain instanceof Chain.Complete complete && plan.cv() == Cv.PASS) {
                for (ArcSet set : complete.sets()) {
                    scope.addAll(set.fields(message.fields()));
                }
            }
            scope.add(field(octets(authentication)));
            scope.add(field(signature));
            String seal = SignatureField.sign("ARC-Seal", List.of("i=" + plan.instance(), "cv=" + plan.cv().word(),
                    "a=" + key.algorithm().word(), "d=" + domain, "s=" + key.selector(), "t=" + time), List.of(),
                    Optional.empty(), scope, key);
            return new Sealing.Sealed(plan.instance(), List.of(seal, signature, authentication));
        } catch (GeneralSecurityException | DkimError e) {
            return new Sealing.Refused("sealing with selector " + key.selector() + " failed: " + e.getMessage());
        }
    }

    /**
     * What the ARC-Message-Signature signs: what our DKIM signatures sign ({@link SignedFields}), and the
     * message's DKIM-Signature fields, one entry each up to {@link Verifier#MAX_SIGNATURES} (§4.1.2 asks the AMS
     * to cover those already present). No ARC field and no Authentication-Results: later hops add their own.
     */
    private static List<String> signedNames(Message message) {
        List<String> names = new ArrayList<>(SignedFields.choose(message));
        int signatures = Math.min(message.named("dkim-signature").size(), Verifier.MAX_SIGNATURES);
        names.addAll(Collections.nCopies(signatures, "DKIM-Signature"));
        return names;
    }

    /** A field we wrote (one with its final CRLF) as the verifier reads it. */
    private static HeaderField field(String text) {
        return new HeaderField(text.substring(0, text.indexOf(':')), text.substring(0, text.length() - 2));
    }

    /** The octets a verifier hashes, one char each, as {@link Message} reads them: the UTF-8 of {@code text}. */
    private static String octets(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
