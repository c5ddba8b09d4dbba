package org.godshell.toaster.arc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.godshell.toaster.dkim.BodyHashes;
import org.godshell.toaster.dkim.DkimError;
import org.godshell.toaster.dkim.DkimResult;
import org.godshell.toaster.dkim.HeaderField;
import org.godshell.toaster.dkim.KeyLookup;
import org.godshell.toaster.dkim.Message;
import org.godshell.toaster.dkim.SignatureCheck;
import org.godshell.toaster.dkim.SignatureTags;

/**
 * The signature checks of RFC 8617 §5.2 on a well-formed chain: the newest ARC-Message-Signature as a DKIM
 * signature (step 4), every ARC-Seal from the newest down (step 6), then the older ARC-Message-Signatures for
 * {@code oldest-pass} (step 5, which decides nothing, so it runs last and stops at the first that fails). Any
 * result but a pass fails the chain, except a key DNS did not give, which is a temperror. The keys fetched are
 * capped by a {@link KeyBudget}.
 */
final class Validation {

    private final Message message;
    private final List<ArcSet> sets;
    private final KeyLookup keys;
    private final BodyHashes bodies;
    private final Instant now;
    private final KeyBudget budget = new KeyBudget();

    Validation(Message message, List<ArcSet> sets, KeyLookup keys, Instant now) {
        this.message = message;
        this.sets = List.copyOf(sets);
        this.keys = keys;
        this.bodies = new BodyHashes(message);
        this.now = now;
    }

    ChainVerdict run() {
        int n = sets.size();
        SignatureCheck newest = messageSignature(sets.getLast());
        if (newest.result() != DkimResult.PASS) {
            return refused(newest, "the newest ARC-Message-Signature (i=" + n + ")");
        }
        for (ArcSet set : sets.reversed()) {
            SignatureCheck seal = seal(set);
            if (seal.result() != DkimResult.PASS) {
                return refused(seal, "the ARC-Seal of instance " + set.instance());
            }
        }
        int oldestPass = 0;
        for (ArcSet set : sets.subList(0, n - 1).reversed()) {
            if (messageSignature(set).result() != DkimResult.PASS) {
                oldestPass = set.instance() + 1;
                break;
            }
        }
        return new ChainVerdict(ChainResult.PASS, "verified", n, oldestPass, hops());
    }

    private ChainVerdict refused(SignatureCheck check, String what) {
        ChainResult result = check.result() == DkimResult.TEMPERROR ? ChainResult.TEMPERROR : ChainResult.FAIL;
        return new ChainVerdict(result, what + ": " + check.reason(), sets.size(), 0, hops());
    }

    /** An ARC-Message-Signature verified as the DKIM signature it is (§4.1.2), in place among the fields. */
    private SignatureCheck messageSignature(ArcSet set) {
        try {
            SignatureTags tags = SignatureTags.parse(set.signatureTags(), SignatureTags.Form.ARC_MESSAGE);
            return budget.admits(tags) ? SignatureCheck.run(message, set.signature(), tags, keys, bodies, now)
                    : overBudget();
        } catch (DkimError e) {
            return new SignatureCheck(e.result(), e.getMessage(), false, false);
        }
    }

    /**
     * An ARC-Seal over the sets up to its own (§5.1.1): each set's results, message signature and seal in
     * instance order, its own seal last and without its {@code b=} value, relaxed.
     */
    private SignatureCheck seal(ArcSet set) {
        try {
            SignatureTags tags = SignatureTags.parse(set.sealTags(), SignatureTags.Form.ARC_SEAL);
            if (!budget.admits(tags)) {
                return overBudget();
            }
            List<HeaderField> fields = message.fields();
            List<HeaderField> scope = new ArrayList<>();
            for (ArcSet earlier : sets.subList(0, set.instance() - 1)) {
                scope.addAll(earlier.fields(fields));
            }
            scope.addAll(set.fields(fields).subList(0, 2));
            return SignatureCheck.overFields(scope, fields.get(set.seal()), tags, keys, now);
        } catch (DkimError e) {
            return new SignatureCheck(e.result(), e.getMessage(), false, false);
        }
    }

    private static SignatureCheck overBudget() {
        return new SignatureCheck(DkimResult.NEUTRAL, "not verified: the chain names more than " + KeyBudget.MAX
                + " keys, the most the toaster fetches for one message", false, false);
    }

    private List<ChainVerdict.Hop> hops() {
        List<ChainVerdict.Hop> hops = new ArrayList<>();
        for (ArcSet set : sets) {
            String sealer;
            try {
                sealer = SignatureTags.parse(set.sealTags(), SignatureTags.Form.ARC_SEAL).domain();
            } catch (DkimError e) {
                sealer = "";
            }
            String results = Instance.results(message.fields().get(set.results()).value()).orElse("");
            hops.add(new ChainVerdict.Hop(set.instance(), sealer, results));
        }
        return hops;
    }
}
