package org.godshell.toaster.arc;

import java.util.List;
import java.util.Optional;
import org.godshell.toaster.authres.MethodResult;

/**
 * The verdict on a message's ARC chain (RFC 8617 §5.2), with what a local policy needs to trust a sealer: who
 * sealed each set and what each said of the message when it arrived there.
 *
 * @param reason     why, in words for a log; "verified" for a pass
 * @param instances  the highest instance read (N, the number of sets of a well-formed chain); 0 for none
 * @param oldestPass for a pass, the oldest instance whose ARC-Message-Signature still verifies, or 0 when all
 *                   of them do (§5.2 step 5): the message was changed after that hop's predecessor saw it
 * @param hops       the sets, oldest first, of a well-formed chain; empty when the chain is absent or broken.
 *                   Only a {@link ChainResult#PASS} makes them more than claims
 */
public record ChainVerdict(ChainResult result, String reason, int instances, int oldestPass, List<Hop> hops) {

    /**
     * One ARC set as its sealer wrote it.
     *
     * @param sealer  the ARC-Seal's {@code d=}: the domain that vouches for the set, which a policy may trust
     * @param results what the sealer's ARC-Authentication-Results says after the instance (its authserv-id and
     *                results, unfolded), as written
     */
    public record Hop(int instance, String sealer, String results) {
    }

    public ChainVerdict {
        hops = List.copyOf(hops);
    }

    static ChainVerdict none() {
        return new ChainVerdict(ChainResult.NONE, "no ARC set", 0, 0, List.of());
    }

    static ChainVerdict fail(int instances, String reason) {
        return new ChainVerdict(ChainResult.FAIL, reason, instances, 0, List.of());
    }

    /** The sealer of the newest set, the hop that handed the message over, when the chain passes. */
    public Optional<Hop> newest() {
        return result == ChainResult.PASS ? Optional.of(hops.getLast()) : Optional.empty();
    }

    /**
     * {@code arc=RESULT}, and {@code header.oldest-pass=N} for a pass (the method and property RFC 8617 §10
     * registers): the Authentication-Results entry of this verdict, which a sealer also copies into its own set.
     */
    public MethodResult methodResult() {
        List<MethodResult.Property> properties = result == ChainResult.PASS
                ? List.of(new MethodResult.Property("header", "oldest-pass", Integer.toString(oldestPass)))
                : List.of();
        return new MethodResult("arc", result.word(), Optional.empty(), Optional.empty(), properties);
    }
}
